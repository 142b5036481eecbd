package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/actorgraph/actorgraph/graph"
)

const hashA = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
const hashB = "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"

func TestLoadPrecedence(t *testing.T) {
	file := `
listen: "file:1"
data_dir: /from/file
log:
  level: debug
neo4j:
  user: fileuser
  password: filesecret
limits:
  max_hops: 6
http:
  request_timeout: 5s
  cors_origins: ["https://file.example"]
api_keys:
  - name: ci
    hash: ` + hashA + `
    roles: [read, write]
`
	tests := []struct {
		name  string
		file  string   // contents of the config file; "" for none
		env   []string // environment
		flags []string // command line
		check func(t *testing.T, c Config)
	}{
		{
			name: "defaults only",
			check: func(t *testing.T, c Config) {
				d := Default()
				if !reflect.DeepEqual(c.Masked(), d.Masked()) {
					t.Errorf("got %+v, want the defaults %+v", c, d)
				}
				if c.Listen != "localhost:8080" || c.Store != "embedded" || c.DataDir != "./data" {
					t.Errorf("listen/store/data_dir = %q/%q/%q", c.Listen, c.Store, c.DataDir)
				}
				if c.Limits.Graph() != graph.DefaultLimits {
					t.Errorf("limits %+v, want graph.DefaultLimits", c.Limits)
				}
			},
		},
		{
			name: "file overrides defaults and keeps the rest",
			file: file,
			check: func(t *testing.T, c Config) {
				want := map[string]any{
					"listen": "file:1", "data_dir": "/from/file", "log.level": "debug", "log.format": "text",
					"neo4j.user": "fileuser", "neo4j.password": "filesecret", "neo4j.uri": "bolt://localhost:7687",
					"limits.max_hops": 6, "limits.max_k": graph.DefaultLimits.MaxK,
					"http.request_timeout": 5 * time.Second, "http.stream_timeout": 10 * time.Minute,
				}
				got := map[string]any{
					"listen": c.Listen, "data_dir": c.DataDir, "log.level": c.Log.Level, "log.format": c.Log.Format,
					"neo4j.user": c.Neo4j.User, "neo4j.password": c.Neo4j.Password, "neo4j.uri": c.Neo4j.URI,
					"limits.max_hops": c.Limits.MaxHops, "limits.max_k": c.Limits.MaxK,
					"http.request_timeout": c.HTTP.RequestTimeout, "http.stream_timeout": c.HTTP.StreamTimeout,
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("got %v\nwant %v", got, want)
				}
				if len(c.APIKeys) != 1 || c.APIKeys[0].Hash != hashA || !reflect.DeepEqual(c.APIKeys[0].Roles, []string{"read", "write"}) {
					t.Errorf("api keys %+v", c.APIKeys)
				}
				if !reflect.DeepEqual(c.HTTP.CORSOrigins, []string{"https://file.example"}) {
					t.Errorf("cors %v", c.HTTP.CORSOrigins)
				}
			},
		},
		{
			name: "analysis bounds from the file and the environment",
			file: "analysis:\n  timeout: 45s\n  max_work: 5000000000\n  exact_betweenness_max: 500\n",
			env:  []string{"ACTORGRAPH_ANALYSIS_MAX_NODES=1000", "ACTORGRAPH_ANALYSIS_SAMPLES=200"},
			check: func(t *testing.T, c Config) {
				want := Default().Analysis
				want.Timeout, want.MaxWork, want.ExactBetweennessMax, want.MaxNodes, want.Samples = 45*time.Second, 5_000_000_000, 500, 1000, 200
				if c.Analysis != want {
					t.Errorf("analysis %+v, want %+v", c.Analysis, want)
				}
			},
		},
		{
			name: "environment overrides file",
			file: file,
			env: []string{"ACTORGRAPH_LISTEN=env:2", "ACTORGRAPH_NEO4J_PASSWORD=envsecret", "ACTORGRAPH_LIMITS_MAX_HOPS=5",
				"ACTORGRAPH_HTTP_REQUEST_TIMEOUT=7s", "ACTORGRAPH_HTTP_CORS_ORIGINS=https://a.example,https://b.example",
				"ACTORGRAPH_API_KEYS=ro=" + hashB + ":read", "OTHER_LISTEN=ignored"},
			check: func(t *testing.T, c Config) {
				if c.Listen != "env:2" || c.Neo4j.Password != "envsecret" || c.Limits.MaxHops != 5 || c.HTTP.RequestTimeout != 7*time.Second {
					t.Errorf("env not applied: %q %q %d %s", c.Listen, c.Neo4j.Password, c.Limits.MaxHops, c.HTTP.RequestTimeout)
				}
				if c.DataDir != "/from/file" || c.Neo4j.User != "fileuser" {
					t.Errorf("file values lost: %q %q", c.DataDir, c.Neo4j.User)
				}
				if !reflect.DeepEqual(c.HTTP.CORSOrigins, []string{"https://a.example", "https://b.example"}) {
					t.Errorf("cors %v", c.HTTP.CORSOrigins)
				}
				if !reflect.DeepEqual(c.APIKeys, []APIKey{{Name: "ro", Hash: hashB, Roles: []string{"read"}}}) {
					t.Errorf("api keys %+v", c.APIKeys)
				}
			},
		},
		{
			name:  "flags override environment and file",
			file:  file,
			env:   []string{"ACTORGRAPH_LISTEN=env:2", "ACTORGRAPH_DATA_DIR=/from/env", "ACTORGRAPH_STORE=neo4j"},
			flags: []string{"--listen", "flag:3", "--neo4j-user", "flaguser", "--cors-origin", "https://c.example"},
			check: func(t *testing.T, c Config) {
				if c.Listen != "flag:3" || c.Neo4j.User != "flaguser" {
					t.Errorf("flags not applied: %q %q", c.Listen, c.Neo4j.User)
				}
				if c.DataDir != "/from/env" || c.Store != "neo4j" {
					t.Errorf("unset flags must not override the environment: %q %q", c.DataDir, c.Store)
				}
				if !reflect.DeepEqual(c.HTTP.CORSOrigins, []string{"https://c.example"}) {
					t.Errorf("cors %v", c.HTTP.CORSOrigins)
				}
			},
		},
		{
			name:  "flags override defaults without a file",
			flags: []string{"--data-dir", "/flag/dir", "--log-format", "json"},
			check: func(t *testing.T, c Config) {
				if c.DataDir != "/flag/dir" || c.Log.Format != "json" || c.Listen != "localhost:8080" {
					t.Errorf("got %q %q %q", c.DataDir, c.Log.Format, c.Listen)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir()) // no stray ./actorgraph.yaml
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			AddFlags(fs)
			args := tt.flags
			if tt.file != "" {
				path := filepath.Join(t.TempDir(), "conf.yaml")
				if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
					t.Fatal(err)
				}
				args = append([]string{"--config", path}, args...)
			}
			if err := fs.Parse(args); err != nil {
				t.Fatal(err)
			}
			c, err := Load(fs, tt.env)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func TestLoadDefaultFileInWorkingDir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(DefaultFile, []byte("listen: \":9999\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Listen != ":9999" || !reflect.DeepEqual(c.Files(), []string{DefaultFile}) {
		t.Errorf("listen %q files %v", c.Listen, c.Files())
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string // "" means: name a file that does not exist
		env     []string
		wantErr string
	}{
		{name: "named file missing", wantErr: "does not exist"},
		{name: "unknown key in file", file: "listen: x:1\nmax_hop: 3\n", wantErr: "max_hop"},
		{name: "unknown nested key", file: "limits:\n  max_hop: 3\n", wantErr: "max_hop"},
		{name: "bad duration", file: "http:\n  request_timeout: soon\n", wantErr: "request_timeout"},
		{name: "bad yaml", file: "listen: [\n", wantErr: "reading config file"},
		{name: "bad env key list", file: "listen: x:1\n", env: []string{"ACTORGRAPH_API_KEYS=secret-in-clear"}, wantErr: "ACTORGRAPH_API_KEYS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			path := filepath.Join(t.TempDir(), "c.yaml")
			if tt.file != "" {
				if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			AddFlags(fs)
			if err := fs.Parse([]string{"--config", path}); err != nil {
				t.Fatal(err)
			}
			_, err := Load(fs, tt.env)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   []string // entries (keys) of the problems, in order; nil for valid
	}{
		{name: "defaults are valid", change: func(c *Config) {}},
		{name: "neo4j defaults are valid", change: func(c *Config) { c.Store = StoreNeo4j }},
		{name: "every interface", change: func(c *Config) { c.Listen = ":8080" }},
		{name: "valid keys and origins", change: func(c *Config) {
			c.APIKeys = []APIKey{{Name: "a", Hash: hashA, Roles: []string{"read"}}, {Hash: hashB, Roles: []string{"read", "write"}}}
			c.HTTP.CORSOrigins = []string{"*", "https://x.example", "http://localhost:3000"}
		}},
		{
			name: "every problem at once",
			change: func(c *Config) {
				c.Listen = "nowhere"
				c.Store = "sqlite"
				c.Log.Level = "loud"
				c.Log.Format = "xml"
				c.Limits.MaxHops = 0
				c.Limits.MaxNodes = -1
				c.HTTP.RequestTimeout = 0
				c.HTTP.MaxBodyBytes = 10
				c.HTTP.CORSOrigins = []string{"example.org"}
				c.APIKeys = []APIKey{
					{Name: "k", Hash: "plaintext-key", Roles: []string{"admin"}},
					{Name: "k", Hash: hashA},
				}
			},
			want: []string{"listen", "store", "log.level", "log.format", "limits.max_hops", "limits.max_nodes",
				"http.request_timeout", "http.max_body_bytes", "http.cors_origins[0]",
				"api_keys[0].hash", "api_keys[0].roles", "api_keys[1].roles", "api_keys[1].name"},
		},
		{name: "neo4j needs a uri", change: func(c *Config) { c.Store = StoreNeo4j; c.Neo4j.URI = "localhost" }, want: []string{"neo4j.uri"}},
		{name: "embedded needs a data dir", change: func(c *Config) { c.DataDir = "" }, want: []string{"data_dir"}},
		{name: "write timeout shorter than streams", change: func(c *Config) { c.HTTP.WriteTimeout = time.Minute }, want: []string{"http.write_timeout"}},
		{name: "hops ceiling", change: func(c *Config) { c.Limits.MaxHops = 100 }, want: []string{"limits.max_hops"}},
		{name: "analysis bounds", change: func(c *Config) {
			c.Analysis.Timeout = 0
			c.Analysis.MaxNodes = 0
			c.Analysis.MaxWork = -1
			c.Analysis.Samples = 5
		}, want: []string{"analysis.max_nodes", "analysis.max_work", "analysis.samples", "analysis.timeout"}},
		{name: "write timeout shorter than analyses", change: func(c *Config) { c.Analysis.Timeout = 20 * time.Minute }, want: []string{"http.write_timeout"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(&c)
			err := c.Validate()
			var got []string
			if err != nil {
				var v *graph.ValidationError
				if !errors.As(err, &v) {
					t.Fatalf("err %T %v, want *graph.ValidationError", err, err)
				}
				if graph.ErrorCode(err) != graph.EINVALID {
					t.Errorf("code %s", graph.ErrorCode(err))
				}
				for _, p := range v.Problems {
					got = append(got, p.Entry)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems at %v, want %v (err: %v)", got, tt.want, err)
			}
		})
	}
}

func TestParseAPIKeys(t *testing.T) {
	tests := []struct {
		in      string
		want    []APIKey
		wantErr bool
	}{
		{in: "", want: nil},
		{in: hashA, want: []APIKey{{Hash: hashA, Roles: []string{"read"}}}},
		{in: "ci=" + hashA + ":read,write ; " + hashB + ":write\n", want: []APIKey{
			{Name: "ci", Hash: hashA, Roles: []string{"read", "write"}}, {Hash: hashB, Roles: []string{"write"}}}},
		{in: "ci=my-secret-key", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseAPIKeys(tt.in)
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseAPIKeys(%q) = %+v, %v; want %+v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestMaskedYAML(t *testing.T) {
	c := Default()
	c.Neo4j.Password = "hunter2"
	c.APIKeys = []APIKey{{Name: "ci", Hash: hashA, Roles: []string{"write"}}}
	var buf bytes.Buffer
	if err := c.WriteYAML(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, secret := range []string{"hunter2", strings.TrimPrefix(hashA, "sha256:")} {
		if strings.Contains(out, secret) {
			t.Errorf("secret %q printed:\n%s", secret, out)
		}
	}
	for _, want := range []string{"password: '********'", "name: ci", "request_timeout: 30s", "listen: localhost:8080", "max_hops: 8"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if c.Neo4j.Password != "hunter2" || c.APIKeys[0].Hash != hashA {
		t.Error("Masked changed the original")
	}
	// The printed configuration reads back as a configuration file.
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(DefaultFile, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(nil, nil); err != nil {
		t.Errorf("printed config does not load: %v", err)
	}
}
