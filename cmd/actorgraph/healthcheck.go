package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

// healthcheckCommand probes a running server, for container HEALTHCHECKs:
// the image has no shell, curl or wget.
func (a *app) healthcheckCommand() *cobra.Command {
	var (
		url     string
		path    string
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 if the server on the configured listen address answers /readyz with 200",
		Long: `Ask a running actorgraph server whether it is ready: GET /readyz (or --path) on
the configured listen address, with 127.0.0.1 for a wildcard host. Exits 0 on
200 and 1 otherwise, printing why. Meant for container health checks.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			target := url
			if target == "" {
				c, err := a.loadConfig(cmd)
				if err != nil {
					return err
				}
				base, err := localURL(c.Listen)
				if err != nil {
					return err
				}
				target = base + path
			}
			client := &http.Client{Timeout: timeout}
			req, err := http.NewRequestWithContext(cmd.Context(), http.MethodGet, target, nil)
			if err != nil {
				return fmt.Errorf("--url: %v", err)
			}
			resp, err := client.Do(req)
			if err != nil {
				return fmt.Errorf("%s: %v", target, err)
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("%s answered %s", target, resp.Status)
			}
			fmt.Fprintf(a.stdout, "%s: %s\n", target, resp.Status)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&url, "url", "", "URL to probe instead of the listen address")
	f.StringVar(&path, "path", "/readyz", "path to probe on the listen address")
	f.DurationVar(&timeout, "timeout", 3*time.Second, "give up after this long")
	return cmd
}

// localURL turns a listen address into the base URL that reaches it from
// this machine: a wildcard or empty host becomes the loopback address.
func localURL(listen string) (string, error) {
	host, port, err := net.SplitHostPort(listen)
	if err != nil || port == "" {
		return "", fmt.Errorf("listen address %q is not host:port", listen)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}
