//go:build !unix

package figcache_test

import "time"

// processCPU is not measured here: the cpu-ms metric reads 0.
func processCPU() time.Duration { return 0 }
