package main

import (
	"flag"
	"fmt"
	"strconv"
	"time"

	"tiendo/internal/ratelimit"
)

// writeLimitFlags holds serve's --write-rate and --write-burst.
type writeLimitFlags struct {
	rate  *float64
	burst *int
}

func newWriteLimitFlags(fs *flag.FlagSet) writeLimitFlags {
	rate, err := strconv.ParseFloat(envOr("TIENDO_WRITE_RATE", "10"), 64)
	if err != nil {
		rate = 10
	}
	burst, err := strconv.Atoi(envOr("TIENDO_WRITE_BURST", "60"))
	if err != nil {
		burst = 60
	}
	return writeLimitFlags{
		rate:  fs.Float64("write-rate", rate, "writes a second each user may make, sustained; 0 for no limit (env TIENDO_WRITE_RATE)"),
		burst: fs.Int("write-burst", burst, "writes each user may make at once before --write-rate applies (env TIENDO_WRITE_BURST)"),
	}
}

// limiter returns the write limiter, nil when disabled.
func (f writeLimitFlags) limiter() (*ratelimit.Limiter, error) {
	switch {
	case *f.rate == 0:
		return nil, nil
	case *f.rate < 0 || *f.burst < 1:
		return nil, fmt.Errorf("--write-rate %g --write-burst %d: a positive rate (0 for no limit) and a burst of at least 1", *f.rate, *f.burst)
	}
	return ratelimit.New(*f.rate, *f.burst, time.Now), nil
}
