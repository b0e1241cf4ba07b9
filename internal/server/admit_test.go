package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// held is a handler that says when a request enters and keeps it until
// its path is freed.
type held struct {
	entered chan string
	mu      sync.Mutex
	release map[string]chan struct{}
}

func newHeld() *held {
	return &held{entered: make(chan string, 16), release: map[string]chan struct{}{}}
}

func (h *held) ch(path string) chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.release[path] == nil {
		h.release[path] = make(chan struct{})
	}
	return h.release[path]
}

// free lets the request for path end.
func (h *held) free(path string) { close(h.ch(path)) }

func (h *held) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.entered <- r.URL.Path
	<-h.ch(r.URL.Path)
}

// eventually waits until cond holds, failing the test after a long time.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
	}
}

func TestGate(t *testing.T) {
	h := newHeld()
	g := newGate(2)
	gh := g.Wrap(h)
	var wg sync.WaitGroup
	do := func(ctx context.Context, path string, body string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := httptest.NewRequest("POST", path, strings.NewReader(body)).WithContext(ctx)
			gh.ServeHTTP(httptest.NewRecorder(), r)
		}()
	}
	do(context.Background(), "/1", "")
	do(context.Background(), "/2", "")
	<-h.entered
	<-h.entered
	if g.Active() != 2 {
		t.Fatalf("active %d, want 2", g.Active())
	}

	// The third and fourth wait; the third's client leaves while it waits.
	gone, leave := context.WithCancel(context.Background())
	do(gone, "/3", "")
	eventually(t, "the third waits", func() bool { return g.Waiting() == 1 })
	do(context.Background(), "/4", "")
	eventually(t, "the fourth waits", func() bool { return g.Waiting() == 2 })

	// An upload goes in without waiting.
	do(context.Background(), "/upload", strings.Repeat("x", bigBody+1))
	if p := <-h.entered; p != "/upload" {
		t.Fatalf("%s entered while full, want only the upload", p)
	}

	leave()
	eventually(t, "the third leaves the queue", func() bool { return g.Waiting() == 1 })
	h.free("/upload") // an upload's end frees no slot
	h.free("/1")      // the first's does: the fourth enters, never the third
	if p := <-h.entered; p != "/4" {
		t.Fatalf("%s entered, want /4: a request whose client left must not run", p)
	}
	h.free("/2")
	h.free("/4")
	wg.Wait()
	select {
	case p := <-h.entered:
		t.Fatalf("%s entered after all ended", p)
	default:
	}
	if g.Active() != 0 || g.Waiting() != 0 {
		t.Fatalf("after all: active %d waiting %d, want 0 0", g.Active(), g.Waiting())
	}
}

// TestGateOrder checks that waiting requests go in in the order they came.
func TestGateOrder(t *testing.T) {
	h := newHeld()
	g := newGate(1)
	gh := g.Wrap(h)
	var wg sync.WaitGroup
	for i, p := range []string{"/a", "/b", "/c", "/d", "/e"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gh.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
		}()
		if i == 0 {
			<-h.entered
		} else {
			eventually(t, p+" waits", func() bool { return g.Waiting() == i })
		}
	}
	last := "/a"
	for _, want := range []string{"/b", "/c", "/d", "/e"} {
		h.free(last)
		if p := <-h.entered; p != want {
			t.Fatalf("%s went in, want %s (first come, first in)", p, want)
		}
		last = want
	}
	h.free(last)
	wg.Wait()
}

func TestGateOff(t *testing.T) {
	h := newHeld()
	if g := newGate(0); g.Wrap(h) != http.Handler(h) || g.Active() != 0 || g.Waiting() != 0 {
		t.Fatal("newGate(0) must admit everything")
	}
}
