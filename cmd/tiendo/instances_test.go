package main

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// TestTwoInstancesRemindOnce starts two servers on one database, as behind
// a load balancer, on a day when the demo's agencies have overdue reports:
// the reminders job runs on one of them only, and every reminder reaches
// its person once — on SQLite and on PostgreSQL.
func TestTwoInstancesRemindOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers with the demo data")
	}
	t.Run("sqlite", func(t *testing.T) { twoInstances(t, tempDB(t)) })
	t.Run("postgres", func(t *testing.T) {
		// With a PostgreSQL URL the demo's accounts file goes to the
		// working directory: a temporary one, not the source tree.
		t.Chdir(t.TempDir())
		twoInstances(t, crashPostgres(t))
	})
}

func twoInstances(t *testing.T, db string) {
	startServe(t, "--demo", "--db", db, "--clock", "2025-06-20")
	startServe(t, "--db", db, "--clock", "2025-06-20")
	s := openStore(t, db)
	ctx := context.Background()
	count := func(q string) int {
		var n int
		if err := s.Transact(ctx, func(tx *sql.Tx) error { return tx.QueryRow(q).Scan(&n) }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Wait until the reminders run has sent everything it claimed.
	deadline := time.Now().Add(60 * time.Second)
	for count(`SELECT COUNT(*) FROM reminder_sends`) == 0 || count(`SELECT COUNT(*) FROM reminder_sends WHERE state = 'pending'`) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("no reminders sent within 60 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // time for a second run, were there one
	sends := count(`SELECT COUNT(*) FROM reminder_sends WHERE state = 'sent'`)
	notices := count(`SELECT COUNT(*) FROM notices WHERE kind <> 'digest'`)
	dupes := count(`SELECT COUNT(*) FROM (SELECT user_id, kind, text, link FROM notices GROUP BY user_id, kind, text, link HAVING COUNT(*) > 1) d`)
	holders := count(`SELECT COUNT(DISTINCT holder) FROM reminder_sends`)
	if sends == 0 || dupes != 0 || holders != 1 {
		t.Fatalf("%d reminders sent, %d notices, %d sent twice, claimed by %d instances; want some, none twice, by one", sends, notices, dupes, holders)
	}
	t.Logf("%d reminders, %d notices, one instance ran the job", sends, notices)
}
