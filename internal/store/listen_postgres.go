package store

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

// The listener of a PostgreSQL store's watch (watch.go): one connection of
// its own, outside the pool, that LISTENs on the schema's channel and hands
// every notification to the watch. The watch keeps nothing while the
// listener is not listening.

// listenHeartbeat is how long the listener waits for a notification before
// it checks that its connection still answers: a connection cut without
// a word (a network partition) would otherwise leave the watch keeping
// what it may no longer be told has changed.
const listenHeartbeat = 5 * time.Second

// listenRetry is how long the listener waits before it connects again.
const listenRetry = time.Second

// startListener starts the watch's listener on a connection made from cfg
// and returns the function that stops it.
func (s *Store) startListener(cfg *pgx.ConnConfig) (stop func()) {
	cfg = cfg.Copy()
	cfg.RuntimeParams["application_name"] = "tiendo listen"
	// A heartbeat's timeout only sets a deadline on the socket: the default
	// would also open a connection to send a cancel request each time.
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		down := false // logged as lost, not listening since: one line an outage, not one a retry
		for {
			err := s.listenOnce(ctx, cfg, func() {
				if down {
					slog.Info("store: the listener listens again")
					down = false
				}
			})
			s.watch.listening(false)
			if ctx.Err() != nil {
				return
			}
			if !down {
				slog.Warn("store: the listener lost its connection; reads ask the database until it is back", "err", err)
				down = true
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(listenRetry):
			}
		}
	}()
	return func() { cancel(); <-done }
}

// listenOnce connects, listens (then calls listening), and applies
// notifications until the connection fails or ctx ends.
func (s *Store) listenOnce(ctx context.Context, cfg *pgx.ConnConfig, listening func()) error {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var channel string
	if err := conn.QueryRow(ctx, `SELECT left('tiendo.' || current_schema(), 63)`).Scan(&channel); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	s.channel.Store(&channel)
	// Every change committed from here on is announced on this connection.
	s.watch.listening(true)
	listening()
	for {
		wctx, cancel := context.WithTimeout(ctx, listenHeartbeat)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			if d := s.watch.delay.Load(); d != nil {
				(*d)()
			}
			s.watch.notified(n.Payload)
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
			pctx, cancel := context.WithTimeout(ctx, listenHeartbeat)
			err = conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// markQuery sends a marker alone, in a transaction of its own whose commit
// does not wait for the disk: committing a notification holds PostgreSQL's
// one lock on the notification queue, and a marker needs no durability.
const markQuery = `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`

// markCommitted sends, after a commit, a marker on the watch's channel and
// waits until the listener has received it (watch.await): the changes the
// commit announced have been applied before the writer is answered. A
// marker that cannot be sent only empties the watch. An audited write
// sends its marker in its transaction instead (Transact).
func (s *Store) markCommitted(ctx context.Context) {
	m, ok := s.watch.expect()
	if !ok {
		return
	}
	ctx = context.WithoutCancel(ctx) // the write is in: its marker is sent whatever became of the request
	tally(ctx, markQuery)
	_, err := s.w.ExecContext(ctx, markQuery, *s.channel.Load(), m.payload)
	s.watch.await(m, err == nil)
}

// markOf is m's payload when marked, else "".
func markOf(m marker, marked bool) string {
	if !marked {
		return ""
	}
	return m.payload
}
