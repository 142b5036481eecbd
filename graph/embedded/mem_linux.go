package embedded

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel that the process no longer needs the pages
// of the database file it has read so far (MADV_DONTNEED on the read-only
// shared mapping). Rebuilding the index reads the whole file, and without
// this every page of it, evidence included, would stay in the process's
// resident set; the data stays in the page cache and later reads fault it
// back in. It is an optimisation: errors are ignored.
func releaseMapped(db *bolt.DB, size int64) {
	if size <= 0 {
		return
	}
	info := db.Info()
	if info == nil || info.Data == 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(size), syscall.MADV_DONTNEED)
}
