package store

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// On PostgreSQL most reads used to begin with two or three small queries
// that ask whether anything changed — the API token's user, the plan's
// facts versions, an agency's "my work" version, the agencies counter —
// and on a loaded two-core machine the round trips, not the work, were
// where the time went: each costs a wakeup in PostgreSQL and in tiendo
// (issue 21). The rows those queries read now announce their own changes:
// triggers (migration 00033) send a notification with each change, in the
// changing transaction, and a listener (listen_postgres.go) hands each one
// to a watch, which drops what it had kept of that row. What the watch
// holds is therefore what the database holds, up to the notifications not
// yet received:
//
//   - on the instance that wrote, none: Transact waits, after its commit,
//     until the listener has received a marker the instance sent after
//     that commit; notifications arrive in commit order, so every change
//     the write made has been applied by then (read your own writes);
//   - from another instance or a command line tool, the time a
//     notification takes to arrive: well under a millisecond on one
//     network.
//
// When the listener loses its connection (or finds it dead on its
// heartbeat) the watch drops everything and keeps nothing until the
// listener listens again: notifications sent meanwhile are lost, so every
// read goes to the database. SQLite has no listener and no watch (a nil
// *watch keeps nothing): there the questions are in-process reads, and a
// command line tool writing the same file sends no notification.

// watchKind says what a kept value is, and which notifications drop it.
type watchKind byte

const (
	watchToken    watchKind = 'a' // an API token's user (key: the token's hash)
	watchPlan     watchKind = 'p' // a plan's facts and reports versions (id)
	watchSettings watchKind = 's' // a plan's figure settings (id)
	watchPlans    watchKind = 'P' // what every plan's rows give: versions (FactsVersions), settings
	watchList     watchKind = 'L' // the plan register (Plans)
	watchWork     watchKind = 'w' // an agency's "my work" version (id)
	watchCounter  watchKind = 'c' // a row of counters (name)
)

// watchKey names one kept value.
type watchKey struct {
	kind watchKind
	id   int64
	name string
}

// watch keeps values read from the database until a notification says
// their rows changed. A reader that misses calls begin before its query
// and put with what begin returned: put keeps nothing that a notification
// received since begin may have made stale. Safe for concurrent use; a nil
// *watch keeps nothing.
type watch struct {
	mu   sync.Mutex
	live bool   // the listener is listening: notifications arrive
	seq  uint64 // moves with every drop
	// dropped is when (seq) each key, and each kind whole, was last
	// dropped; reset when everything was.
	dropped map[watchKey]uint64
	kinds   map[watchKind]uint64
	reset   uint64
	vals    map[watchKey]any
	// instance names this watch's markers among every instance's; next
	// numbers them. markers are those sent and not yet received, each with
	// the channel its writer waits on.
	instance string
	next     uint64
	markers  map[uint64]chan struct{}
	// delay, when set, is called by the listener before it applies each
	// notification, so that a test can hold notifications back. Nil
	// outside tests.
	delay atomic.Pointer[func()]
}

// maxWatched bounds what a watch keeps (tokens, mostly): past it, it
// starts again empty.
const maxWatched = 20000

func newWatch() *watch {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &watch{dropped: map[watchKey]uint64{}, kinds: map[watchKind]uint64{}, vals: map[watchKey]any{},
		instance: hex.EncodeToString(b[:]), markers: map[uint64]chan struct{}{}}
}

// get returns the value kept for k, if any.
func (w *watch) get(k watchKey) (any, bool) {
	if w == nil {
		return nil, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	v, ok := w.vals[k]
	return v, ok
}

// begin returns the moment a read of the database starts, for put.
func (w *watch) begin() uint64 {
	if w == nil {
		return 0
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seq
}

// put keeps v for k, read from the database by a read that began at at,
// unless k was dropped since or the listener is not listening.
func (w *watch) put(k watchKey, at uint64, v any) {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.live || w.reset > at || w.dropped[k] > at || w.kinds[k.kind] > at {
		return
	}
	if len(w.vals) >= maxWatched {
		w.dropAllLocked()
		return
	}
	w.vals[k] = v
}

// notified applies one notification's payload (migration 00033): the
// first byte says what changed, the rest is its ID or name.
func (w *watch) notified(payload string) {
	if payload == "" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	rest := payload[1:]
	switch watchKind(payload[0]) {
	case watchToken: // a token or a user changed: any token's user may have
		w.dropKindLocked(watchToken)
	case watchPlan: // a plan's row: its versions, settings, the register, every agency's work
		id := parseID(rest)
		w.dropLocked(watchKey{kind: watchPlan, id: id})
		w.dropLocked(watchKey{kind: watchSettings, id: id})
		w.dropKindLocked(watchPlans)
		w.dropKindLocked(watchList)
		w.dropKindLocked(watchWork)
	case 'f': // its facts version: all but the register
		id := parseID(rest)
		w.dropLocked(watchKey{kind: watchPlan, id: id})
		w.dropLocked(watchKey{kind: watchSettings, id: id})
		w.dropKindLocked(watchPlans)
		w.dropKindLocked(watchWork)
	case 'r': // its reports version: what reads that
		w.dropLocked(watchKey{kind: watchPlan, id: parseID(rest)})
		w.dropKindLocked(watchPlans)
	case watchWork:
		w.dropLocked(watchKey{kind: watchWork, id: parseID(rest)})
	case watchCounter:
		w.dropLocked(watchKey{kind: watchCounter, name: rest})
		if rest == "plan_names" {
			w.dropKindLocked(watchWork)
		}
	case 'm': // a marker: release the instance's writer that sent it
		w.markerLocked(rest)
	default: // a kind this version does not know: keep nothing stale
		w.dropAllLocked()
	}
}

func (w *watch) dropLocked(k watchKey) {
	w.seq++
	w.dropped[k] = w.seq
	delete(w.vals, k)
}

func (w *watch) dropKindLocked(kind watchKind) {
	w.seq++
	w.kinds[kind] = w.seq
	for k := range w.vals {
		if k.kind == kind {
			delete(w.vals, k)
		}
	}
}

// dropAllLocked forgets everything: what a put begun before now would keep
// is refused too.
func (w *watch) dropAllLocked() {
	w.seq++
	w.reset = w.seq
	clear(w.vals)
	clear(w.dropped)
	clear(w.kinds)
}

// listening records that the listener listens (true: from now on every
// change is announced) or has lost its connection (false: keep nothing,
// and release every writer waiting for its marker).
func (w *watch) listening(on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.dropAllLocked()
	w.live = on
	if !on {
		for n, c := range w.markers {
			close(c)
			delete(w.markers, n)
		}
	}
}

// parseID reads a decimal ID; a malformed one is 0, which names no row.
func parseID(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// marker is one marker a writer sent after its commit and waits for.
type marker struct {
	n       uint64
	payload string // the notification's payload: 'm', the instance, ':', n
	seen    chan struct{}
}

// expect returns a new marker for a writer to send with its commit or
// after it, or false when the listener is not listening (then nothing is
// kept to go stale).
func (w *watch) expect() (marker, bool) {
	if w == nil {
		return marker{}, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.live {
		return marker{}, false
	}
	w.next++
	m := marker{n: w.next, payload: "m" + w.instance + ":" + strconv.FormatUint(w.next, 10), seen: make(chan struct{})}
	w.markers[m.n] = m.seen
	return m, true
}

// markerLocked releases the writer waiting for marker rest, if it is this
// instance's.
func (w *watch) markerLocked(rest string) {
	inst, num, ok := strings.Cut(rest, ":")
	if !ok || inst != w.instance {
		return
	}
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil {
		return
	}
	if c, ok := w.markers[n]; ok {
		close(c)
		delete(w.markers, n)
	}
}

// forget drops m, whose transaction rolled back: it announced nothing, and
// its marker will never come.
func (w *watch) forget(m marker) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.markers, m.n)
}

// markerWait bounds a writer's wait for its marker. It arrives in well
// under a millisecond; one that has not after this long is taken as lost.
const markerWait = 2 * time.Second

// await waits until m has been received — every change committed before
// it has then been applied — or the listener has stopped listening. A
// marker not received in time, or not sent (sent false), may leave
// something stale: everything is dropped.
func (w *watch) await(m marker, sent bool) {
	if sent {
		t := time.NewTimer(markerWait)
		defer t.Stop()
		select {
		case <-m.seen:
			return
		case <-t.C:
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.markers, m.n)
	w.dropAllLocked()
}

// watched returns the value s's watch keeps for k, or reads it with read
// and keeps it. What is kept is shared: T must be a value the callers do
// not change (a caller given a slice or a map is given a copy).
func watched[T any](s *Store, k watchKey, read func() (T, error)) (T, error) {
	if v, ok := s.watch.get(k); ok {
		return v.(T), nil
	}
	at := s.watch.begin()
	v, err := read()
	if err == nil {
		s.watch.put(k, at, v)
	}
	return v, err
}
