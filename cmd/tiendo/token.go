package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"tiendo/internal/clock"
	"tiendo/internal/store"
)

// cmdTokenList prints a user's API tokens — never the tokens themselves.
func cmdTokenList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token list", stderr)
	db := dbFlag(fs)
	username := fs.String("user", "", "whose tokens")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *username == "" {
		return errors.New("--user is required")
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
	list, err := s.Tokens(ctx, u.ID)
	if err != nil {
		return err
	}
	when := func(t time.Time, none string) string {
		if t.IsZero() {
			return none
		}
		return t.In(clock.Local).Format("02/01/2006 15:04")
	}
	now := time.Now()
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTÊN\tPHẠM VI\tTẠO LÚC\tHẾT HẠN\tDÙNG LẦN CUỐI\tTRẠNG THÁI")
	for _, t := range list {
		state := "còn hiệu lực"
		switch {
		case !t.RevokedAt.IsZero():
			state = "đã thu hồi"
		case !t.Live(now):
			state = "hết hạn"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Scope, when(t.CreatedAt, ""),
			when(t.ExpiresAt, "không"), when(t.LastUsed, "chưa dùng"), state)
	}
	return tw.Flush()
}

// cmdTokenRevoke revokes an API token by its ID (from token list).
func cmdTokenRevoke(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("token revoke", stderr)
	db := dbFlag(fs)
	id := fs.Int64("id", 0, "the token's ID (tiendo token list)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	if *id <= 0 {
		return errors.New("--id is required: see tiendo token list --user NAME")
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.RevokeTokenID(ctx, 0, 0, *id); errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no live token %d", *id)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "đã thu hồi mã truy cập %d\n", *id)
	return nil
}
