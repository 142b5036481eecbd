package web_test

// The harness of the browser tests: Debian's Chromium driven over the
// DevTools protocol (chromedp), against the real router and the embedded
// store seeded with the seed graph, on a loopback port.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/actorgraph/actorgraph/analyst"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/embedded"
	"github.com/actorgraph/actorgraph/handlers"
	"github.com/actorgraph/actorgraph/seeds"
	"github.com/actorgraph/actorgraph/web"
)

// debianChromium is where `apt-get install chromium` puts the browser.
const debianChromium = "/usr/bin/chromium"

// installHint says how to get the browser.
const installHint = "install it with `apt-get update && apt-get install -y chromium` (or run .ci/browser.sh)"

// findChromium returns the browser to drive: /usr/bin/chromium, else
// `chromium` on PATH; "" when there is none.
func findChromium(exists func(string) bool, lookPath func(string) (string, error)) string {
	if exists(debianChromium) {
		return debianChromium
	}
	if p, err := lookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// verdict is what a browser test does about the browser.
type verdict int

const (
	run  verdict = iota // the browser is there
	skip                // no browser, outside CI
	fail                // no browser, in CI: the browser tests must run there
)

// chromiumVerdict decides from the browser found (path) and the CI
// variable, and gives the one message to print.
func chromiumVerdict(path, ci string) (verdict, string) {
	if path != "" {
		return run, ""
	}
	msg := fmt.Sprintf("Chromium not found (%s, nor `chromium` on PATH): %s", debianChromium, installHint)
	if ci != "" {
		return fail, msg + "; CI is set, so the browser tests must run"
	}
	return skip, msg + "; skipping the browser tests"
}

func requireChromium(t *testing.T) string {
	t.Helper()
	exists := func(p string) bool {
		st, err := os.Stat(p)
		return err == nil && !st.IsDir()
	}
	path := findChromium(exists, exec.LookPath)
	switch v, msg := chromiumVerdict(path, os.Getenv("CI")); v {
	case skip:
		t.Skip(msg)
	case fail:
		t.Fatal(msg)
	}
	return path
}

// testServer is the real API and explorer over a fresh embedded store that
// loaded the seed graph.
type testServer struct {
	URL    string
	Bundle *graph.Bundle // the seed graph, for expected values
}

func startServer(t *testing.T) *testServer {
	t.Helper()
	st, err := embedded.Open(context.Background(), embedded.Options{Dir: t.TempDir(), Seed: seeds.Bundle})
	if err != nil {
		t.Fatalf("opening the embedded store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	h := handlers.New(handlers.Deps{Service: analyst.New(analyst.Deps{Store: st}), Options: handlers.Options{UI: web.Handler()}})
	ts := httptest.NewServer(h) // 127.0.0.1, a free port
	t.Cleanup(ts.Close)
	b, err := seeds.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{URL: ts.URL, Bundle: b}
}

// getJSON decodes GET path from the server into v.
func (s *testServer) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v\n%s", path, resp.Status, err, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// relation returns a relation as the API serves it.
func (s *testServer) relation(t *testing.T, id string) graph.Relation {
	t.Helper()
	var r graph.Relation
	s.getJSON(t, "/v1/relations/"+url.PathEscape(id), &r)
	return r
}

// startBrowser launches Chromium headless with the flags the CI machines
// need, and returns the context of its first tab's allocator.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := requireChromium(t)
	profile, err := os.MkdirTemp("", "actorgraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1400, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,AutofillServerCommunication"),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(func() {
		cancel()
		os.RemoveAll(profile)
	})
	return alloc
}

// page is one tab. It records every request the tab makes and every error
// the page reports; at the end of the test a request to anywhere but the
// test server, or an error, fails the test.
type page struct {
	ctx    context.Context
	origin string

	mu       sync.Mutex
	requests int
	offsite  []string
	errs     []string
}

// newPage opens a tab on parent (an allocator, or a tab whose browser it
// shares).
func newPage(t *testing.T, parent context.Context, origin string, opts ...chromedp.ContextOption) *page {
	t.Helper()
	p := &page{origin: origin}
	opts = append(opts, chromedp.WithListener(p.listen))
	ctx, cancel := chromedp.NewContext(parent, opts...)
	p.ctx = ctx
	t.Cleanup(func() {
		p.check(t)
		cancel()
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatalf("starting the browser: %v", err)
	}
	return p
}

// local reports whether u stays on the test server: its origin, or data:
// and blob: URLs that the page makes itself.
func (p *page) local(u string) bool {
	if strings.HasPrefix(u, "data:") || u == "about:blank" {
		return true
	}
	u = strings.TrimPrefix(u, "blob:")
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	return pu.Scheme+"://"+pu.Host == p.origin
}

// listen runs in the tab's read loop: it must return fast and send nothing.
func (p *page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests++
		if !p.local(ev.Request.URL) {
			p.offsite = append(p.offsite, ev.Request.URL)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		p.errs = append(p.errs, fmt.Sprintf("exception: %s (%s:%d)", msg, d.URL, d.LineNumber+1))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			p.errs = append(p.errs, "console.error: "+strings.Join(parts, " "))
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			p.errs = append(p.errs, fmt.Sprintf("browser log: %s %s", ev.Entry.Text, ev.Entry.URL))
		}
	}
}

func (p *page) check(t *testing.T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.offsite) > 0 {
		t.Errorf("the page made %d request(s) that left the test server %s:\n  %s", len(p.offsite), p.origin, strings.Join(p.offsite, "\n  "))
	}
	if len(p.errs) > 0 {
		t.Errorf("the page reported errors:\n  %s", strings.Join(p.errs, "\n  "))
	}
}

// takeOffsite returns the offsite requests seen so far and forgets them
// and the page's errors, for a test that makes them on purpose.
func (p *page) takeOffsite() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.offsite
	p.offsite, p.errs = nil, nil
	return out
}

// requestCount is how many requests the tab has made so far.
func (p *page) requestCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests
}

// step bounds one action.
const step = 20 * time.Second

// do runs actions with the step timeout.
func (p *page) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into T.
func eval[T any](t *testing.T, p *page, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", shorten(js, 200), err)
	}
	return v
}

// wait polls a JavaScript condition until it holds.
func (p *page) wait(t *testing.T, what, cond string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond,
		chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(step-time.Second)))
	if err != nil {
		t.Fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// settle waits until the page is ready and has no request in flight.
func (p *page) settle(t *testing.T) {
	t.Helper()
	p.wait(t, "the page to settle", `document.body.dataset.ready === "true" && document.body.dataset.pending === "0"`)
}

// open navigates to the server's page path and waits for it to settle.
// Use it on a new tab (see fresh): a navigation that changes only the
// fragment does not load the page again.
func (p *page) open(t *testing.T, path string) {
	t.Helper()
	p.do(t, chromedp.Navigate(p.origin+path))
	p.settle(t)
}

// fresh opens path in a new tab of p's browser, with its own cookies and
// storage.
func (p *page) fresh(t *testing.T, path string) *page {
	t.Helper()
	q := newPage(t, p.ctx, p.origin, chromedp.WithNewBrowserContext())
	q.open(t, path)
	return q
}

// pathDrawn holds in the page once a highlighted path is drawn.
const pathDrawn = `document.querySelectorAll("#edges .onpath").length > 0`

// freshPath opens path, a link that connects two actors, in a new tab and
// waits until the highlighted path is drawn.
func (p *page) freshPath(t *testing.T, path string) *page {
	t.Helper()
	q := p.fresh(t, path)
	q.wait(t, "the path", pathDrawn)
	return q
}

// screenshot saves the viewport as name.png in the screenshots folder.
func (p *page) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := screenshotDir(t)
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d KB)", path, len(buf)/1024)
}

// screenshotDir is $ACTORGRAPH_SCREENSHOTS, or .ci/artifacts/screenshots
// at the repository root (git-ignored).
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("ACTORGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", ".ci", "artifacts", "screenshots")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		t.Fatal(err)
	}
	return abs
}

// allowDownloads makes the browser save downloads in a fresh folder, named
// by their download id, and report their progress.
func (p *page) allowDownloads(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	on := true
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &on,
	})
	if err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	return dir
}

// download runs trigger and returns the name the page gave the file and
// its content.
func (p *page) download(t *testing.T, dir string, trigger chromedp.Action[chromedp.Void]) (string, []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, step)
	defer cancel()
	begins := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, trigger); err != nil {
		t.Fatal(err)
	}
	var guid, name string
	for ev, err := range begins {
		if err != nil {
			t.Fatalf("no download began: %v", err)
		}
		guid, name = ev.GUID, ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download %s did not finish: %v", name, err)
		}
		if ev.GUID != guid {
			continue
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatalf("download %s was canceled", name)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, guid))
	if err != nil {
		t.Fatalf("reading download %s: %v", name, err)
	}
	return name, data
}

// click dispatches a real mouse click (count 1 or 2) at a point of the
// viewport.
func (p *page) click(t *testing.T, x, y float64, count int) {
	t.Helper()
	acts := []chromedp.Action[chromedp.Void]{}
	for i := 1; i <= count; i++ {
		acts = append(acts, chromedp.MouseClickXY(x, y, chromedp.ClickCount(i)))
	}
	p.do(t, acts...)
}

// drag presses the left button at from, moves to to in steps and releases.
func (p *page) drag(t *testing.T, from, to point) {
	t.Helper()
	held := func(e *input.DispatchMouseEventParams) { e.Button = input.MouseButtonLeft; e.Buttons = 1 }
	acts := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, from.X, from.Y, held, chromedp.ClickCount(1))}
	for i := 1; i <= 6; i++ {
		f := float64(i) / 6
		acts = append(acts, chromedp.MouseEvent(chromedp.MouseMoved, from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f, held))
	}
	acts = append(acts, chromedp.MouseEvent(chromedp.MouseReleased, to.X, to.Y, held, chromedp.ClickCount(1)))
	p.do(t, acts...)
}

// point is a place in the viewport.
type point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// edgePoint is a point of a drawn link's line where a click lands on that
// link (not on an actor or another link drawn over it), in viewport pixels.
func edgePoint(t *testing.T, p *page, id string) point {
	t.Helper()
	pt := eval[*point](t, p, fmt.Sprintf(`(() => {
		const g = document.querySelector(%s), line = g.querySelector(".line");
		const len = line.getTotalLength(), m = line.getScreenCTM();
		for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
			const q = line.getPointAtLength(len * f);
			const x = m.a * q.x + m.c * q.y + m.e, y = m.b * q.x + m.d * q.y + m.f;
			const hit = document.elementFromPoint(x, y);
			if (hit && hit.closest("[data-edge]") === g) return { x, y };
		}
		return null;
	})()`, jsString(`[data-edge="`+id+`"]`)))
	if pt == nil {
		t.Fatalf("no point of link %s can be clicked: other elements cover it", id)
	}
	return *pt
}

// nodePoint is the centre of a drawn actor's shape; the actor must be the
// topmost element there.
func nodePoint(t *testing.T, p *page, id string) point {
	t.Helper()
	pt := eval[*point](t, p, fmt.Sprintf(`(() => {
		const g = document.querySelector(%s), r = g.querySelector(".shape").getBoundingClientRect();
		const x = r.left + r.width / 2, y = r.top + r.height / 2, hit = document.elementFromPoint(x, y);
		return hit && hit.closest("[data-node]") === g ? { x, y } : null;
	})()`, jsString(`[data-node="`+id+`"]`)))
	if pt == nil {
		t.Fatalf("actor %s cannot be clicked: something covers it", id)
	}
	return *pt
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
