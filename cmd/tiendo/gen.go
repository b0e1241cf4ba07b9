package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"tiendo/internal/gen"
	"tiendo/internal/store"
)

// cmdGen fills a new database with a generated national dataset, showing
// a progress bar, and prints what it stored and the one password of the
// generated accounts.
func cmdGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gen", stderr)
	db := dbFlag(fs)
	c := gen.Config{}
	fs.IntVar(&c.Provinces, "provinces", 34, "provinces and cities, 1–34")
	fs.IntVar(&c.Agencies, "agencies", 3400, "reporting agencies in all")
	fs.IntVar(&c.Tasks, "tasks", 40000, "tasks in all")
	fs.IntVar(&c.Quarters, "quarters", 24, "reporting quarters up to today's")
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed: the same seed and --today give the same data")
	fs.BoolVar(&c.National, "national", true, "add the national programme (03/NQ-CP) and link one task in eight of every province to it")
	today := fs.String("today", envOr("TIENDO_CLOCK", ""), "the day the data is as of, YYYY-MM-DD (default today; env TIENDO_CLOCK)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	c.Today = time.Now().UTC()
	if *today != "" {
		d, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			return fmt.Errorf("--today %q: write the day as YYYY-MM-DD", *today)
		}
		c.Today = d
	}
	c.Password = "Gen-" + rand.Text()[:16]
	if err := c.Check(); err != nil {
		return err
	}
	if !isPostgres(*db) {
		if _, err := os.Stat(*db); err == nil {
			return fmt.Errorf("%s exists: tiendo gen writes only into a new database", *db)
		}
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	bar := newProgress(stderr, "tỉnh")
	c.Progress = bar.show
	start := time.Now()
	res, err := gen.Run(ctx, s, c)
	bar.done()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("stopped; the provinces stored so far stay in the database")
		}
		return err
	}
	fmt.Fprintf(stdout, "Đã tạo trong %s: %d kế hoạch, %d cơ quan, %d tài khoản, %d nhiệm vụ, %d chỉ tiêu, %d kỳ báo cáo, "+
		"%d báo cáo, %d dòng báo cáo nhiệm vụ, %d giá trị chỉ tiêu.\n", time.Since(start).Round(time.Second),
		res.Plans, res.Agencies, res.Users, res.Tasks, res.Indicators, res.Periods, res.Reports, res.Entries, res.Values)
	if res.NationalTasks > 0 {
		fmt.Fprintf(stdout, "Chương trình quốc gia: %d nhiệm vụ; %d nhiệm vụ của các tỉnh liên kết với chương trình.\n", res.NationalTasks, res.Links)
	}
	code := gen.Code(0)
	fmt.Fprintf(stdout, "Mọi tài khoản (quantri; dieuphoi.%s, lanhdao.%s, ld.%s.001, cv.%s.001 … theo mã từng tỉnh) có mật khẩu: %s\n",
		code, code, code, code, c.Password)
	fmt.Fprintln(stdout, "Dữ liệu sinh ra chỉ dùng để thử tải và đo tốc độ, không dùng cho hệ thống thật.")
	return nil
}

// progress draws "[#####·····] 12/34 tỉnh  0:42" on a terminal, in place;
// elsewhere (a log, a pipe) one line per step.
type progress struct {
	w     io.Writer
	unit  string
	tty   bool
	start time.Time
}

func newProgress(w io.Writer, unit string) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil {
			tty = st.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progress{w: w, unit: unit, tty: tty, start: time.Now()}
}

func (p *progress) show(done, total int) {
	const width = 30
	fill := width * done / max(total, 1)
	el := time.Since(p.start).Round(time.Second)
	line := fmt.Sprintf("[%s%s] %d/%d %s  %s", strings.Repeat("#", fill), strings.Repeat("·", width-fill), done, total, p.unit, el)
	if done > 0 && done < total {
		left := time.Duration(float64(time.Since(p.start)) / float64(done) * float64(total-done)).Round(time.Second)
		line += fmt.Sprintf(", còn khoảng %s", left)
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r%-80s", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

func (p *progress) done() {
	if p.tty {
		fmt.Fprintln(p.w)
	}
}
