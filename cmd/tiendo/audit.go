package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"tiendo/internal/store"
)

// errAuditBroken makes `tiendo audit verify` exit non-zero; the broken link
// itself has been printed.
var errAuditBroken = errors.New("sổ nhật ký kiểm toán đã bị can thiệp")

// cmdAuditVerify recomputes the audit log's hash chain and prints either
// its length and head hash (worth noting down outside the database, e.g.
// in the backup log) or the first broken link.
func cmdAuditVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit verify", stderr)
	db := dbFlag(fs)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if v.Broken != nil {
		fmt.Fprintf(stdout, "CHUỖI BỊ ĐỨT tại %s\n(đã kiểm %d bản ghi nguyên vẹn trước đó)\n", v.Broken, v.Entries)
		return errAuditBroken
	}
	fmt.Fprintf(stdout, "sổ nhật ký kiểm toán toàn vẹn: %d bản ghi, đầu chuỗi %s\n", v.Entries, v.Head)
	return nil
}
