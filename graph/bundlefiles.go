package graph

// ActorFile returns the file that the i-th actor of b was decoded from (see
// DecodeBundle and Append), or "" when it is not known. Checks made outside
// this package, such as the seed quote check, use it to name the file in a
// Problem.
func (b *Bundle) ActorFile(i int) string { return fileAt(b.actorFiles, i) }

// RelationFile is ActorFile for the i-th relation.
func (b *Bundle) RelationFile(i int) string { return fileAt(b.relationFiles, i) }

// SourceFile returns the file source i came from ("" if none).
func (b *Bundle) SourceFile(i int) string { return fileAt(b.sourceFiles, i) }
