package store

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// TestPasswordLinks: a link is kept as its hash only, works until it
// expires, once (also under two concurrent uses), not for a locked user,
// and a newer link ends the older; using it sets the password, ends the
// sessions and, with an enrolment, turns the second factor on — all in one
// transaction with its audit rows.
func TestPasswordLinks(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		now := time.Now().UTC().Truncate(time.Microsecond)
		u := &auth.User{Username: "dieuphoi", Role: auth.RoleCoordinator, AgencyID: ag["khcn"]}
		tok1, hash1 := auth.NewToken()
		must(t, s.CreateAccounts(ctx, 0, []NewAccount{{User: u, LinkHash: hash1}}, now.Add(auth.PasswordLinkTTL)))

		st, err := s.AccountState(ctx, u.ID, now)
		must(t, err)
		if st.HasPassword || st.LinkExpires.IsZero() || st.LastSignIn.IsZero() == false {
			t.Errorf("a new account: %+v", st)
		}
		var stored []byte
		must(t, s.queryRow(ctx, s.r, `SELECT token_hash FROM password_links WHERE user_id = ?`, u.ID).Scan(&stored))
		if !bytes.Equal(stored, hash1) || bytes.Contains(stored, []byte(tok1)) {
			t.Error("the link is not stored as its hash")
		}
		l, got, err := s.PasswordLink(ctx, hash1, now)
		must(t, err)
		if got.ID != u.ID || l.Purpose != auth.LinkSetup {
			t.Errorf("link = %+v for %+v", l, got)
		}
		if _, _, err := s.PasswordLink(ctx, hash1, now.Add(auth.PasswordLinkTTL+time.Second)); err == nil || !errors.Is(err, ErrNotFound) {
			t.Errorf("an expired link: %v", err)
		}

		// A newer link ends the older one.
		_, hash2 := auth.NewToken()
		must(t, s.CreatePasswordLink(ctx, 0, u.ID, hash2, auth.LinkSetup, now, now.Add(auth.PasswordLinkTTL)))
		if _, _, err := s.PasswordLink(ctx, hash1, now); err == nil || !errors.Is(err, ErrNotFound) {
			t.Errorf("the older link after a newer one: %v", err)
		}

		// A locked user's link does not work.
		must(t, s.SetUserDisabled(ctx, 0, u.ID, true))
		if _, _, err := s.PasswordLink(ctx, hash2, now); err == nil || !errors.Is(err, ErrNotFound) {
			t.Errorf("a locked user's link: %v", err)
		}
		if _, err := s.RedeemPasswordLink(ctx, hash2, now, "$argon2id$x", nil); err == nil || !errors.Is(err, ErrNotFound) {
			t.Errorf("a locked user's link used: %v", err)
		}
		must(t, s.SetUserDisabled(ctx, 0, u.ID, false))

		// Two uses at once: one wins.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.RedeemPasswordLink(ctx, hash2, now, "$argon2id$new",
					&Enrolment{Secret: "JBSWY3DPEHPK3PXP", Step: 7, Recovery: [][]byte{{1, 2, 3}}})
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) || !errors.Is(errs[0], ErrNotFound) && !errors.Is(errs[1], ErrNotFound) {
			t.Errorf("two concurrent uses: %v, %v; want one success and one ErrNotFound", errs[0], errs[1])
		}
		_, hash, err := s.UserByName(ctx, "dieuphoi")
		must(t, err)
		tf, err := s.UserTwoFactor(ctx, u.ID)
		must(t, err)
		if hash != "$argon2id$new" || !tf.Enabled() || tf.Recovery != 1 {
			t.Errorf("after use: hash %q, 2FA %+v", hash, tf)
		}
		var actions []string
		rows, err := s.query(ctx, s.r, `SELECT action FROM audit_log WHERE object = 'user' AND object_id = ? ORDER BY seq`, u.ID)
		must(t, err)
		for rows.Next() {
			var a string
			must(t, rows.Scan(&a))
			actions = append(actions, a)
		}
		rows.Close()
		want := []string{"user.create", "user.password_link", "user.password_link", "user.disable", "user.disable", "user.password", "user.2fa_enable"}
		if len(actions) != len(want) {
			t.Fatalf("audit %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Errorf("audit %v, want %v", actions, want)
				break
			}
		}
	})
}

// TestUpdateAccount: a change is audited with what changed; a change of
// role or a lock ends the sessions; the e-mail is stored in lower case.
func TestUpdateAccount(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		u := &auth.User{Username: "cv", Role: auth.RoleOfficer, AgencyID: ag["khcn"]}
		must(t, s.CreateUser(ctx, 0, u, "$argon2id$x"))
		session := func() []byte {
			_, h := auth.NewToken()
			must(t, s.CreateSession(ctx, h, u.ID, time.Now().Add(time.Hour)))
			return h
		}
		h := session()
		v := *u
		v.FullName, v.Email = "Lê Văn Chuyên", "cv@camau.gov.vn"
		must(t, s.UpdateAccount(ctx, 0, &v))
		if _, err := s.SessionUser(ctx, h, time.Now()); err != nil {
			t.Errorf("a change of name ended the session: %v", err)
		}
		v.Role = auth.RoleHead
		must(t, s.UpdateAccount(ctx, 0, &v))
		if _, err := s.SessionUser(ctx, h, time.Now()); err == nil || !errors.Is(err, ErrNotFound) {
			t.Errorf("a change of role left the session: %v", err)
		}
		got, err := s.User(ctx, u.ID)
		must(t, err)
		if got.Role != auth.RoleHead || got.FullName != "Lê Văn Chuyên" || got.Email != "cv@camau.gov.vn" {
			t.Errorf("after update: %+v", got)
		}
		h = session()
		v.Disabled = true
		must(t, s.UpdateAccount(ctx, 0, &v))
		if _, err := s.SessionUser(ctx, h, time.Now()); err == nil || !errors.Is(err, ErrNotFound) {
			t.Errorf("a lock left the session: %v", err)
		}
		missing := auth.User{ID: 99999, Role: auth.RoleLeader}
		wantErr(t, s.UpdateAccount(ctx, 0, &missing), ErrNotFound)
		found, err := s.UsersByName(ctx, []string{"CV", "khongco"})
		must(t, err)
		if len(found) != 1 || found["cv"].ID != u.ID {
			t.Errorf("UsersByName = %v", found)
		}
	})
}
