//go:build !linux

package embedded

import bolt "go.etcd.io/bbolt"

// releaseMapped is a no-op outside Linux.
func releaseMapped(db *bolt.DB, size int64) {}
