//go:build !linux

package embedded

import "time"

// threadCPU is unknown outside Linux.
func threadCPU() time.Duration { return 0 }
