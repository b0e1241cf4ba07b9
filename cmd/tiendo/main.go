// Command tiendo serves the tiendo web application and runs its admin
// commands. Run `tiendo help` for the list.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `tiendo — theo dõi tiến độ kế hoạch khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số

Cách dùng:
  tiendo serve [--db PATH|URL] [--addr HOST:PORT] [--demo] [--clock YYYY-MM-DD]
               [--tls-cert FILE --tls-key FILE] [--require-2fa admin,coordinator|none]
               [--session-idle 2h] [--session-max 12h]
               [--backup-dir DIR [--backup-every 24h] [--backup-keep 14]]
               [--write-rate 10] [--write-burst 60]
               [--oidc-issuer URL --oidc-client-id ID [--oidc-redirect-url URL] [--oidc-claim preferred_username|email]]
  tiendo plan import FILE [FILE…] [--db PATH|URL] [--json] [--code SỐ/KH] [--date dd/mm/yyyy] [--issuer TÊN]
               [--map "Tên=ID|new|none"]… [--create-agencies]   (FILE…: the plan and its appendix files, as one plan)
  tiendo user add --username NAME --role ROLE [--agency ID] [--full-name TÊN] [--email ĐỊA-CHỈ]
               [--password-stdin | --base-url URL] [--db PATH|URL]   (không có --password-stdin: in đường dẫn thiết lập một lần)
  tiendo user reset-password --username NAME [--base-url URL] [--db PATH|URL]   (in đường dẫn đặt lại mật khẩu một lần)
  tiendo plan level --plan ID --level national|ministry|province|commune [--issuer TÊN] [--db PATH|URL]
  tiendo rollup export --plan ID [--period ID] --out FILE [--clock YYYY-MM-DD] [--db PATH|URL]
  tiendo rollup import FILE [--db PATH|URL]
  tiendo rollup key [--name TÊN] [--db PATH|URL]
  tiendo rollup sender add --name TÊN --key KHÓA [--note …] | list | revoke --id N [--db PATH|URL]
  tiendo user disable|enable|reset-2fa --username NAME [--db PATH|URL]
  tiendo token create --user NAME [--name TÊN] [--expires 90d] [--scope read|report|full] [--db PATH|URL]
  tiendo token list --user NAME [--db PATH|URL]
  tiendo token revoke --id N [--db PATH|URL]
  tiendo audit verify [--db PATH|URL]
  tiendo gen [--db PATH|URL] [--provinces 34] [--agencies 3400] [--tasks 40000] [--quarters 24] [--seed 1] [--today YYYY-MM-DD] [--national=true]
  tiendo load --url URL [--duration 30s] [--concurrency 16] [--mix deadline|bare] [--json] [--db PATH|URL]
  tiendo backup --out FILE [--force] [--db PATH]
  tiendo restore FILE [--db PATH]          (dừng máy chủ trước khi khôi phục)

Roles: admin, coordinator, head, officer, leader.
--db defaults to $TIENDO_DB or ./tiendo.db; --addr to $TIENDO_ADDR or 127.0.0.1:8080.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tiendo:", err)
		os.Exit(1)
	}
}

// run dispatches a command line; it is main without the process, for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "plan":
		if len(args) > 1 && args[1] == "import" {
			return cmdPlanImport(ctx, args[2:], stdout, stderr)
		}
		if len(args) > 1 && args[1] == "level" {
			return cmdPlanLevel(ctx, args[2:], stdout, stderr)
		}
	case "rollup":
		return cmdRollup(ctx, args[1:], stdout, stderr)
	case "user":
		if len(args) > 1 && args[1] == "add" {
			return cmdUserAdd(ctx, args[2:], stdin, stdout, stderr)
		}
		if len(args) > 1 && args[1] == "reset-password" {
			return cmdUserResetPassword(ctx, args[2:], stdout, stderr)
		}
		if len(args) > 1 && (args[1] == "disable" || args[1] == "enable" || args[1] == "reset-2fa") {
			return cmdUserState(ctx, args[1], args[2:], stdout, stderr)
		}
	case "token":
		if len(args) > 1 && args[1] == "create" {
			return cmdTokenCreate(ctx, args[2:], stdout, stderr)
		}
		if len(args) > 1 && args[1] == "list" {
			return cmdTokenList(ctx, args[2:], stdout, stderr)
		}
		if len(args) > 1 && args[1] == "revoke" {
			return cmdTokenRevoke(ctx, args[2:], stdout, stderr)
		}
	case "gen":
		return cmdGen(ctx, args[1:], stdout, stderr)
	case "load":
		return cmdLoad(ctx, args[1:], stdout, stderr)
	case "backup":
		return cmdBackup(ctx, args[1:], stdout, stderr)
	case "restore":
		return cmdRestore(ctx, args[1:], stdout, stderr)
	case "audit":
		if len(args) > 1 && args[1] == "verify" {
			return cmdAuditVerify(ctx, args[2:], stdout, stderr)
		}
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return errUsage
}
