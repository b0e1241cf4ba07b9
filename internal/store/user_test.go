package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tiendo/internal/auth"
)

func TestUsers(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ag := seedAgencies(t, s)
		admin := auth.User{Username: "quantri", FullName: "Quản trị", Role: auth.RoleAdmin}
		must(t, s.CreateUser(ctx, 0, &admin, "$argon2id$admin"))
		u := auth.User{Username: "chuyenvien", FullName: norm.NFD.String("Nguyễn Văn Đức"), Email: "duc@camau.gov.vn",
			Role: auth.RoleOfficer, AgencyID: ag["khcn"]}
		must(t, s.CreateUser(ctx, admin.ID, &u, "$argon2id$duc"))
		if u.ID == 0 || u.CreatedAt.IsZero() {
			t.Fatalf("after create: %+v", u)
		}

		got, hash, err := s.UserByName(ctx, "chuyenvien")
		must(t, err)
		if !reflect.DeepEqual(*got, u) || hash != "$argon2id$duc" {
			t.Errorf("UserByName = %+v %q, want %+v", *got, hash, u)
		}
		if got.FullName != "Nguyễn Văn Đức" {
			t.Errorf("full name not NFC: %q", got.FullName)
		}
		byID, err := s.User(ctx, u.ID)
		must(t, err)
		if !reflect.DeepEqual(*byID, u) {
			t.Errorf("User = %+v", *byID)
		}
		_, _, err = s.UserByName(ctx, "khong-co")
		wantErr(t, err, ErrNotFound)
		_, err = s.User(ctx, 9999)
		wantErr(t, err, ErrNotFound)

		dup := auth.User{Username: "quantri", Role: auth.RoleLeader}
		wantErr(t, s.CreateUser(ctx, 0, &dup, "x"), ErrDuplicate)
		badAgency := auth.User{Username: "x", Role: auth.RoleHead, AgencyID: 9999}
		wantErr(t, s.CreateUser(ctx, 0, &badAgency, "x"), ErrReference)

		zed := auth.User{Username: "Zed", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, &zed, "x"))
		list, err := s.Users(ctx)
		must(t, err)
		var names []string
		for _, u := range list {
			names = append(names, u.Username)
		}
		if want := []string{"Zed", "chuyenvien", "quantri"}; !reflect.DeepEqual(names, want) {
			t.Errorf("Users order %q, want %q", names, want)
		}

		// Password reset ends sessions; disabling blocks sign-in.
		tok := auth.HashToken("session-1")
		must(t, s.CreateSession(ctx, tok, u.ID, time.Now().Add(time.Hour)))
		must(t, s.SetPassword(ctx, admin.ID, u.ID, "$argon2id$new"))
		_, hash, err = s.UserByName(ctx, "chuyenvien")
		must(t, err)
		if hash != "$argon2id$new" {
			t.Errorf("hash after SetPassword %q", hash)
		}
		_, err = s.SessionUser(ctx, tok, time.Now())
		wantErr(t, err, ErrNotFound)
		wantErr(t, s.SetPassword(ctx, 0, 9999, "x"), ErrNotFound)

		must(t, s.SetUserDisabled(ctx, admin.ID, u.ID, true))
		got, err = s.User(ctx, u.ID)
		must(t, err)
		if !got.Disabled {
			t.Error("user not disabled")
		}
		must(t, s.SetUserDisabled(ctx, admin.ID, u.ID, false))
		wantErr(t, s.SetUserDisabled(ctx, 0, 9999, true), ErrNotFound)
	})
}

func TestSessions(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := auth.User{Username: "lanhdao", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, &u, "x"))
		now := time.Date(2025, 6, 15, 9, 0, 0, 0, time.UTC)
		live, expired := auth.HashToken("live"), auth.HashToken("expired")
		must(t, s.CreateSession(ctx, live, u.ID, now.Add(12*time.Hour)))
		must(t, s.CreateSession(ctx, expired, u.ID, now.Add(-time.Minute)))
		wantErr(t, s.CreateSession(ctx, live, u.ID, now), ErrDuplicate)
		wantErr(t, s.CreateSession(ctx, auth.HashToken("nobody"), 9999, now), ErrReference)

		got, err := s.SessionUser(ctx, live, now)
		must(t, err)
		if got.ID != u.ID || got.Username != "lanhdao" {
			t.Errorf("SessionUser = %+v", got)
		}
		_, err = s.SessionUser(ctx, live, now.Add(13*time.Hour))
		wantErr(t, err, ErrNotFound)
		_, err = s.SessionUser(ctx, expired, now)
		wantErr(t, err, ErrNotFound)
		_, err = s.SessionUser(ctx, auth.HashToken("unknown"), now)
		wantErr(t, err, ErrNotFound)

		n, err := s.DeleteExpiredSessions(ctx, now)
		must(t, err)
		if n != 1 {
			t.Errorf("DeleteExpiredSessions removed %d, want 1", n)
		}
		must(t, s.DeleteSession(ctx, live))
		_, err = s.SessionUser(ctx, live, now)
		wantErr(t, err, ErrNotFound)
		must(t, s.DeleteSession(ctx, live)) // a second sign-out is fine

		entries, err := s.AuditEntries(ctx, 3)
		must(t, err)
		if entries[0].Action != "session.delete" || entries[0].UserID != u.ID {
			t.Errorf("last audit entry %+v", entries[0])
		}

		// Disabling a user ends their sessions for good: enabling the
		// account again does not revive them.
		second := auth.HashToken("second")
		must(t, s.CreateSession(ctx, second, u.ID, now.Add(time.Hour)))
		must(t, s.SetUserDisabled(ctx, 0, u.ID, true))
		_, err = s.SessionUser(ctx, second, now)
		wantErr(t, err, ErrNotFound)
		must(t, s.SetUserDisabled(ctx, 0, u.ID, false))
		_, err = s.SessionUser(ctx, second, now)
		wantErr(t, err, ErrNotFound)
	})
}

func TestTokens(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := auth.User{Username: "api", Role: auth.RoleCoordinator}
		must(t, s.CreateUser(ctx, 0, &u, "x"))
		now := time.Date(2025, 6, 15, 9, 0, 0, 0, time.UTC)
		forever, short := auth.HashToken("forever"), auth.HashToken("short")
		must(t, s.CreateToken(ctx, u.ID, u.ID, forever, "báo cáo", time.Time{}))
		must(t, s.CreateToken(ctx, u.ID, u.ID, short, "thử", now.Add(time.Hour)))
		wantErr(t, s.CreateToken(ctx, 0, u.ID, short, "again", time.Time{}), ErrDuplicate)

		lastUsed := func() time.Time {
			var at time.Time
			must(t, s.queryRow(ctx, s.r, `SELECT last_used_at FROM api_tokens WHERE token_hash = ?`, forever).Scan(timeCol{&at}))
			return at
		}
		got, err := s.TokenUser(ctx, forever, now)
		must(t, err)
		if got.ID != u.ID {
			t.Errorf("TokenUser = %+v", got)
		}
		if !lastUsed().Equal(now) {
			t.Errorf("last_used_at = %v, want %v", lastUsed(), now)
		}
		// Within a minute: no write.
		_, err = s.TokenUser(ctx, forever, now.Add(30*time.Second))
		must(t, err)
		if !lastUsed().Equal(now) {
			t.Errorf("last_used_at moved within the minute: %v", lastUsed())
		}
		_, err = s.TokenUser(ctx, forever, now.Add(90*time.Second))
		must(t, err)
		if want := now.Add(90 * time.Second); !lastUsed().Equal(want) {
			t.Errorf("last_used_at = %v, want %v", lastUsed(), want)
		}

		_, err = s.TokenUser(ctx, short, now.Add(2*time.Hour))
		wantErr(t, err, ErrNotFound)
		_, err = s.TokenUser(ctx, auth.HashToken("unknown"), now)
		wantErr(t, err, ErrNotFound)

		must(t, s.RevokeToken(ctx, u.ID, forever))
		_, err = s.TokenUser(ctx, forever, now)
		wantErr(t, err, ErrNotFound)
		wantErr(t, s.RevokeToken(ctx, u.ID, forever), ErrNotFound)
	})
}

// TestDisableRevokesTokens: disabling a user revokes their live tokens
// (enabling them again brings none back) and no token is made for a
// disabled user.
func TestDisableRevokesTokens(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		u := auth.User{Username: "api", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, &u, "x"))
		other := auth.User{Username: "khac", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, &other, "x"))
		now := time.Now()
		tok, kept := auth.HashToken("of-api"), auth.HashToken("of-khac")
		must(t, s.CreateToken(ctx, 0, u.ID, tok, "tích hợp", now.Add(24*time.Hour)))
		must(t, s.CreateToken(ctx, 0, other.ID, kept, "tích hợp", now.Add(24*time.Hour)))

		must(t, s.SetUserDisabled(ctx, 0, u.ID, true))
		_, err := s.TokenUser(ctx, tok, now)
		wantErr(t, err, ErrNotFound)
		_, err = s.CreateScopedToken(ctx, 0, u.ID, auth.HashToken("new"), "mới", auth.ScopeRead, now.Add(time.Hour))
		wantErr(t, err, ErrConflict)
		must(t, s.SetUserDisabled(ctx, 0, u.ID, false))
		_, err = s.TokenUser(ctx, tok, now)
		wantErr(t, err, ErrNotFound) // revoked, not only refused while disabled
		list, err := s.Tokens(ctx, u.ID)
		must(t, err)
		if len(list) != 1 || list[0].RevokedAt.IsZero() {
			t.Errorf("tokens after disable and enable: %+v", list)
		}
		if _, err := s.TokenUser(ctx, kept, now); err != nil {
			t.Errorf("another user's token: %v", err)
		}
	})
}

// TestMigrationRevokesDisabledUsersTokens: migration 00021 revokes the
// live tokens of users disabled before SetUserDisabled revoked them (here
// a user disabled behind the store's back), and no one else's.
func TestMigrationRevokesDisabledUsersTokens(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		old, kept := auth.User{Username: "cu", Role: auth.RoleLeader}, auth.User{Username: "con", Role: auth.RoleLeader}
		must(t, s.CreateUser(ctx, 0, &old, "x"))
		must(t, s.CreateUser(ctx, 0, &kept, "x"))
		now := time.Now()
		must(t, s.CreateToken(ctx, 0, old.ID, auth.HashToken("cu"), "cũ", now.Add(time.Hour)))
		must(t, s.CreateToken(ctx, 0, kept.ID, auth.HashToken("con"), "còn", now.Add(time.Hour)))
		_, err := s.exec(ctx, s.w, `UPDATE users SET disabled = ? WHERE id = ?`, true, old.ID)
		must(t, err)
		b, err := migrations.ReadFile("migrations/" + s.Dialect() + "/00021_disabled_user_tokens.sql")
		must(t, err)
		_, up, _ := strings.Cut(string(b), "-- +goose Up")
		up, _, _ = strings.Cut(up, "-- +goose Down")
		_, err = s.exec(ctx, s.w, up)
		must(t, err)
		must(t, s.SetUserDisabled(ctx, 0, old.ID, false))
		if _, err := s.TokenUser(ctx, auth.HashToken("cu"), now); !errors.Is(err, ErrNotFound) {
			t.Errorf("the token of a user disabled before the migration: %v, want revoked", err)
		}
		if list, _ := s.Tokens(ctx, old.ID); len(list) != 1 || list[0].RevokedAt.IsZero() || list[0].RevokedAt.Before(now.Add(-time.Minute)) {
			t.Errorf("tokens: %+v", list)
		}
		if _, err := s.TokenUser(ctx, auth.HashToken("con"), now); err != nil {
			t.Errorf("an enabled user's token: %v", err)
		}
	})
}
