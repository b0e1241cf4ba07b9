package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"tiendo/internal/auth"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// cmdUserAdd creates an account. The password is read from standard input
// (--password-stdin) so that it never appears in the process list or shell history.
func cmdUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("user add", stderr)
	db := dbFlag(fs)
	username := fs.String("username", "", "sign-in name")
	role := fs.String("role", "", "admin, coordinator, head, officer or leader")
	agencyID := fs.Int64("agency", 0, "agency ID (required for head and officer)")
	fullName := fs.String("full-name", "", "the person's full name")
	email := fs.String("email", "", "e-mail address")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	r := auth.Role(*role)
	switch {
	case strings.TrimSpace(*username) == "":
		return errors.New("--username is required")
	case !r.Valid():
		return fmt.Errorf("--role %q: want admin, coordinator, head, officer or leader", *role)
	case r.NeedsAgency() && *agencyID <= 0:
		return fmt.Errorf("--agency is required for role %s", r)
	case !*pwStdin:
		return errors.New("--password-stdin is required: pipe the password on standard input")
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	pw := strings.TrimRight(line, "\r\n")
	if err := auth.CheckNewPassword(pw, *username, *fullName, *email); err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if *agencyID > 0 {
		if _, err := s.Agency(ctx, *agencyID); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("--agency %d: no such agency", *agencyID)
		} else if err != nil {
			return err
		}
	}
	u := &auth.User{Username: vntext.NFC(strings.TrimSpace(*username)), FullName: vntext.NFC(*fullName), Email: *email, Role: r, AgencyID: *agencyID}
	if err := s.CreateUser(ctx, 0, u, hash); errors.Is(err, store.ErrDuplicate) {
		return fmt.Errorf("user %q already exists", u.Username)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
	return nil
}

// cmdTokenCreate creates an API bearer token for a user and prints only the
// token on stdout, so that scripts can capture it. The store keeps its hash.
// Like a token made on the account page it expires — in 90 days unless
// --expires says otherwise, in at most 365 — and a disabled user gets none.
func cmdTokenCreate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token create", stderr)
	db := dbFlag(fs)
	username := fs.String("user", "", "the user the token acts as")
	name := fs.String("name", "cli", "a name to recognise the token by")
	expires := fs.String("expires", fmt.Sprintf("%dd", auth.DefaultTokenDays), fmt.Sprintf("lifetime such as 30d or 720h, at most %dd", auth.MaxTokenDays))
	scope := fs.String("scope", string(auth.ScopeFull), "what the token may do: read, report or full")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *username == "" {
		return errors.New("--user is required")
	}
	if !auth.TokenScope(*scope).Valid() {
		return fmt.Errorf("--scope %q: want read, report or full", *scope)
	}
	d, err := parseLifetime(*expires)
	if err != nil {
		return err
	}
	until := time.Now().Add(d)
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := findUser(ctx, s, *username)
	if err != nil {
		return err
	}
	errDisabled := fmt.Errorf("user %q is disabled: no token made (tiendo user enable first)", u.Username)
	if u.Disabled {
		return errDisabled
	}
	token, hash := auth.NewToken()
	if _, err := s.CreateScopedToken(ctx, 0, u.ID, hash, *name, auth.TokenScope(*scope), until); errors.Is(err, store.ErrConflict) {
		return errDisabled // disabled in the meantime
	} else if err != nil {
		return err
	}
	fmt.Fprintln(stdout, token)
	return nil
}

// parseLifetime reads a token's --expires: "90d" as days, anything else
// as a Go duration; more than auth.MaxTokenDays, nothing or no time at all
// is refused.
func parseLifetime(s string) (time.Duration, error) {
	const day = 24 * time.Hour
	d, err := time.Duration(0), error(nil)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days int
		if _, err = fmt.Sscanf(n, "%d", &days); err == nil {
			d = time.Duration(days) * day
		}
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d <= 0 || d > time.Duration(auth.MaxTokenDays)*day {
		return 0, fmt.Errorf("--expires %q: want a lifetime such as 90d or 720h, at most %dd", s, auth.MaxTokenDays)
	}
	return d, nil
}

// cmdUserState locks or unlocks an account, or resets its second factor,
// from the command line (an admin who lost their own phone, a leaver).
func cmdUserState(ctx context.Context, action string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("user "+action, stderr)
	db := dbFlag(fs)
	username := fs.String("username", "", "sign-in name")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if strings.TrimSpace(*username) == "" {
		return errors.New("--username is required")
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := findUser(ctx, s, *username)
	if err != nil {
		return err
	}
	var done string
	switch action {
	case "disable":
		err, done = s.SetUserDisabled(ctx, 0, u.ID, true), "đã khóa tài khoản %s; các phiên đăng nhập đã kết thúc và các mã API đã bị thu hồi\n"
	case "enable":
		err, done = s.SetUserDisabled(ctx, 0, u.ID, false), "đã mở khóa tài khoản %s\n"
	case "reset-2fa":
		err, done = s.DisableTwoFactor(ctx, 0, u.ID), "đã đặt lại xác thực hai lớp của %s: lần đăng nhập tới sẽ thiết lập lại nếu vai trò bắt buộc\n"
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, done, u.Username)
	return nil
}

// findUser looks a user up by the username given on the command line.
func findUser(ctx context.Context, s *store.Store, username string) (*auth.User, error) {
	u, _, err := s.UserByName(ctx, strings.TrimSpace(vntext.NFC(username)))
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("no user %q", username)
	}
	return u, err
}
