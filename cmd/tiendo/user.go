package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/derrors"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// cmdUserAdd creates an account. Without --password-stdin the account has
// no password and the command prints its one-time setup link (24 hours),
// where the person sets the password and, for a role that must use a
// second factor, enrols it: how a province's first administrator starts.
// With --password-stdin the password is read from standard input, so that
// it never appears in the process list or shell history.
func cmdUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("user add", stderr)
	db := dbFlag(fs)
	username := fs.String("username", "", "sign-in name")
	role := fs.String("role", "", "admin, coordinator, head, officer or leader")
	agencyID := fs.Int64("agency", 0, "agency ID (required for head and officer)")
	fullName := fs.String("full-name", "", "the person's full name")
	email := fs.String("email", "", "e-mail address")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of printing a setup link")
	base := baseURLFlag(fs)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	u := &auth.User{Username: *username, FullName: *fullName, Email: *email, Role: auth.Role(*role), AgencyID: *agencyID}
	auth.NormalizeAccount(u)
	switch {
	case u.Username == "":
		return errors.New("--username is required")
	case !u.Role.Valid():
		return fmt.Errorf("--role %q: want admin, coordinator, head, officer or leader", *role)
	case u.Role.NeedsAgency() && u.AgencyID <= 0:
		return fmt.Errorf("--agency is required for role %s", u.Role)
	}
	if msg := auth.CheckEmail(u.Email); msg != "" {
		return fmt.Errorf("--email %q: %s", u.Email, msg)
	}
	hash := ""
	if *pwStdin {
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		pw := strings.TrimRight(line, "\r\n")
		if err := auth.CheckNewPassword(pw, u.Username, u.FullName, u.Email); err != nil {
			return err
		}
		if hash, err = auth.HashPassword(pw); err != nil {
			return err
		}
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if u.AgencyID > 0 {
		if _, err := s.Agency(ctx, u.AgencyID); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("--agency %d: no such agency", u.AgencyID)
		} else if err != nil {
			return err
		}
	}
	if err := s.CreateUser(ctx, 0, u, hash); errors.Is(err, store.ErrDuplicate) {
		return fmt.Errorf("user %q already exists", u.Username)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
	if *pwStdin {
		return nil
	}
	return printLink(ctx, s, u.Username, *base, stdout)
}

// cmdUserResetPassword prints a one-time link (24 hours) where the user
// sets a new password — the setup link of an account never set up, which
// also enrols a second factor where the role requires one. Earlier links
// of the account stop working; the current password works until the link
// is used.
func cmdUserResetPassword(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("user reset-password", stderr)
	db := dbFlag(fs)
	username := fs.String("username", "", "sign-in name")
	base := baseURLFlag(fs)
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
	if _, err := findUser(ctx, s, *username); err != nil {
		return err
	}
	return printLink(ctx, s, *username, *base, stdout)
}

// baseURLFlag is --base-url: the address people reach the server at, put
// before a link's path.
func baseURLFlag(fs *flag.FlagSet) *string {
	def := envOr("TIENDO_BASE_URL", "")
	if def == "" {
		def = "http://" + envOr("TIENDO_ADDR", "127.0.0.1:8080")
	}
	return fs.String("base-url", def, "the address people open tiendo at, put before the link (env TIENDO_BASE_URL; default http:// and TIENDO_ADDR)")
}

// printLink issues a password link for username and prints it with its
// expiry: the only place it is ever shown.
func printLink(ctx context.Context, s *store.Store, username, base string, stdout io.Writer) error {
	a := app.New(app.Config{Store: s, Log: slog.New(slog.DiscardHandler)})
	u, link, err := a.IssuePasswordLinkByName(ctx, username)
	if err != nil {
		if errors.Is(err, derrors.Invalid) {
			return errors.New(derrors.MessageOf(err))
		}
		return err
	}
	fmt.Fprintf(stdout, "đường dẫn một lần cho %s (dùng được đến %s):\n%s%s\n", u.Username,
		link.ExpiresAt.In(clock.Local).Format("15:04 02/01/2006"), strings.TrimRight(base, "/"), link.Path)
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
		err, done = s.DisableTwoFactor(ctx, 0, u.ID), "đã đặt lại xác thực hai lớp của %s; nếu vai trò bắt buộc, người dùng thiết lập lại qua đường dẫn của `tiendo user reset-password`\n"
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
