package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/clock"
	"tiendo/internal/derrors"
	"tiendo/internal/plan"
	"tiendo/internal/rollup"
	"tiendo/internal/store"
	"tiendo/internal/vntext"
)

// The roll-up across instances on the command line: a province exports
// its part of an upstream plan's roll-up as a signed package; the
// instance that rolls up imports it; keys and senders are shown and
// registered. Each runs the same use case as the web and the API, as the
// system (audit rows without a user).

// commandLine is who acts for the command line: the system, with an
// administrator's permissions (the audit log shows no user).
var commandLine = &auth.User{Username: "tiendo", FullName: "Dòng lệnh", Role: auth.RoleAdmin}

// rollupApp opens the database and the use cases over it, on clk.
func rollupApp(ctx context.Context, db, day string) (*app.App, func(), error) {
	clk, err := parseClock(day)
	if err != nil {
		return nil, nil, err
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	a := app.New(app.Config{Store: s, Clock: clk, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return a, func() { s.Close() }, nil
}

// cmdRollup dispatches `tiendo rollup export|import|key|sender`.
func cmdRollup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "export":
		return cmdRollupExport(ctx, args[1:], stdout, stderr)
	case "import":
		return cmdRollupImport(ctx, args[1:], stdout, stderr)
	case "key":
		return cmdRollupKey(ctx, args[1:], stdout, stderr)
	case "sender":
		if len(args) > 1 {
			return cmdRollupSender(ctx, args[1], args[2:], stdout, stderr)
		}
	}
	fmt.Fprint(stderr, usage)
	return errUsage
}

// userError is err as a person reads it: the use case's Vietnamese
// message (and each field's), else err itself.
func userError(err error) error {
	if err == nil {
		return nil
	}
	msg := derrors.MessageOf(err)
	for _, m := range derrors.FieldsOf(err) {
		if m != msg {
			if msg != "" {
				msg += " "
			}
			msg += m
		}
	}
	if msg == "" {
		return err
	}
	return errors.New(msg)
}

// cmdRollupExport writes this instance's package of an upstream plan's
// roll-up for a period.
func cmdRollupExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("rollup export", stderr)
	db := dbFlag(fs)
	planID := fs.Int64("plan", 0, "the upstream plan (its ID on this instance)")
	period := fs.Int64("period", 0, "its reporting period (ID); default: the one containing today")
	out := fs.String("out", "", "the package file to write")
	day := fs.String("clock", envOr("TIENDO_CLOCK", ""), "judge statuses on this day, YYYY-MM-DD (env TIENDO_CLOCK)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *planID <= 0 || *out == "" {
		if err == nil {
			fmt.Fprintln(stderr, "rollup export needs --plan ID and --out FILE")
		}
		return errUsage
	}
	a, done, err := rollupApp(ctx, *db, *day)
	if err != nil {
		return err
	}
	defer done()
	x, err := a.ExportPackage(ctx, commandLine, *planID, *period)
	if err != nil {
		return userError(err)
	}
	if err := os.WriteFile(*out, x.File, 0o644); err != nil {
		return err
	}
	id, err := a.Identity(ctx, commandLine)
	if err != nil {
		return userError(err)
	}
	linked := 0
	for _, it := range x.Package.Items {
		linked += len(it.Linked)
	}
	fmt.Fprintf(stdout, "Đã ghi %s: gói của “%s” cho kế hoạch %s, %s (tính đến %s): %s nhiệm vụ cấp trên, %s nhiệm vụ liên kết.\n",
		*out, x.Package.Sender.Name, x.Package.Plan.Code, x.Package.Period.Label, x.Package.AsOf,
		vntext.FormatInt(len(x.Package.Items)), vntext.FormatInt(linked))
	fmt.Fprintf(stdout, "Khóa ký: %s (dấu vân tay %s)\n", id.PublicKey, id.Fingerprint)
	return nil
}

// cmdRollupImport imports a package file received from another instance.
func cmdRollupImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("rollup import", stderr)
	db := dbFlag(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil || len(pos) != 1 {
		return errUsage
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	a, done, err := rollupApp(ctx, *db, "")
	if err != nil {
		return err
	}
	defer done()
	x, err := a.ImportPackage(ctx, commandLine, data)
	if err != nil {
		return userError(err)
	}
	fmt.Fprintln(stdout, x.Message())
	return nil
}

// cmdRollupKey prints this instance's sender name and public key (made on
// first use), renaming it first with --name.
func cmdRollupKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("rollup key", stderr)
	db := dbFlag(fs)
	name := fs.String("name", "", "rename this instance in the packages it sends")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	a, done, err := rollupApp(ctx, *db, "")
	if err != nil {
		return err
	}
	defer done()
	if *name != "" {
		if err := a.SetInstanceName(ctx, commandLine, *name); err != nil {
			return userError(err)
		}
	}
	id, err := a.Identity(ctx, commandLine)
	if err != nil {
		return userError(err)
	}
	fmt.Fprintf(stdout, "Tên hệ thống gửi: %s\nKhóa công khai:   %s\nDấu vân tay:      %s\n", id.Name, id.PublicKey, id.Fingerprint)
	return nil
}

// cmdRollupSender lists, registers or revokes the senders whose packages
// this instance accepts.
func cmdRollupSender(ctx context.Context, verb string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("rollup sender "+verb, stderr)
	db := dbFlag(fs)
	name := fs.String("name", "", "the sender's name (add)")
	key := fs.String("key", "", "the sender's public key, as `tiendo rollup key` prints it there (add)")
	note := fs.String("note", "", "how the key came (add)")
	id := fs.Int64("id", 0, "the sender to revoke (revoke)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	a, done, err := rollupApp(ctx, *db, "")
	if err != nil {
		return err
	}
	defer done()
	switch verb {
	case "add":
		k, err := a.AddSender(ctx, commandLine, *name, *key, *note)
		if err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "Đã đăng ký hệ thống gửi %d: %s\n", k.ID, k.Name)
		return nil
	case "revoke":
		if err := a.RevokeSender(ctx, commandLine, *id); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "Đã thu hồi khóa của hệ thống gửi %d.\n", *id)
		return nil
	case "list":
		list, err := a.Senders(ctx, commandLine)
		if err != nil {
			return userError(err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTÊN\tDẤU VÂN TAY\tĐĂNG KÝ\tTRẠNG THÁI")
		for _, k := range list {
			state := "nhận gói"
			if !k.Active() {
				state = "đã thu hồi " + k.RevokedAt.In(clock.Local).Format("02/01/2006")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", k.ID, k.Name, fingerprintOf(k.Key), k.AddedAt.In(clock.Local).Format("02/01/2006 15:04"), state)
		}
		return tw.Flush()
	}
	fmt.Fprint(stderr, usage)
	return errUsage
}

// cmdPlanLevel sets a plan's level (and issuer).
func cmdPlanLevel(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plan level", stderr)
	db := dbFlag(fs)
	planID := fs.Int64("plan", 0, "the plan")
	level := fs.String("level", "", "national, ministry, province or commune")
	issuer := fs.String("issuer", "", "its issuer (kept when empty)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *planID <= 0 {
		return errUsage
	}
	a, done, err := rollupApp(ctx, *db, "")
	if err != nil {
		return err
	}
	defer done()
	p, err := a.Plan(ctx, *planID)
	if err != nil {
		return userError(err)
	}
	if *issuer == "" {
		*issuer = p.Issuer
	}
	if err := a.SetPlanLevel(ctx, commandLine, *planID, plan.Level(*level), *issuer); err != nil {
		return userError(err)
	}
	fmt.Fprintf(stdout, "Kế hoạch %d: cấp %s, cơ quan ban hành %s.\n", *planID, plan.Level(*level).Label(), *issuer)
	return nil
}

// fingerprintOf is a key's fingerprint as the web page shows it.
func fingerprintOf(k ed25519.PublicKey) string { return rollup.Fingerprint(k) }
