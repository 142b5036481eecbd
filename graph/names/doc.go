// Package names matches names as analysts spell them: transliterations
// from Arabic in English and French sources (Usama, Osama, Oussama; Golani,
// Jawlani, Jolani), articles written or not (al-, el-, ad-, or none),
// doubled or dropped letters, word order, a missing or an extra part of a
// name, and small typos (Coulibaby). It depends on the standard library,
// x/text (through graph.NormalizeName) and package graph only.
//
// # Folding
//
// A name is folded with graph.NormalizeName (case, accents, apostrophes,
// punctuation), then split into words. Each word gets a weight
// (tokens.go): articles and the izafe (al, el, ad- before d..., e, i)
// weigh nothing and are left out; kunya, nasab and titles (Abu, bin,
// Sheikh) weigh 5; small words (of, the, de, fi) 3; every other word 10.
// Initials written with points ("U.S.") are joined ("us"). Each Latin
// word then gets its phonetic form from the one table Rules, which a
// reader can extend (each rule has an example that a test checks), and
// its skeleton, the consonants of that form: Mohammed, Muhammad and
// Mohamed are all "mahamad", skeleton "mhmd". Words with digits or in
// another script are literal: they match only themselves.
//
// # Scoring
//
// Query.Match (or Match) scores an actor's name and aliases and returns a
// Hit: the score, which name or alias matched (the name wins ties, then
// the earlier alias), the reasons, and Why in words ("exact alias",
// "transliteration of Usama bin Ladin", "typo in Coulibaly", "part of
// Ayman al-Zawahiri"). A name whose folded form equals the folded query
// scores ScoreExactName (an alias ScoreExactAlias); anything else at most
// ScoreSimilar, so an exact match always ranks first. Otherwise query
// words are paired greedily with name words by similarity (the same word;
// the same phonetic form; the same skeleton; one edit; the query word
// beginning the name word; two words written as one), and the score is
// the weighted similarity over the query's weight plus a small charge for
// the name's unmatched words, lowered a little when the words come in
// another order (scoreFolded documents the formula). A hit is a score of
// at least MinScore.
//
// # Candidate keys, and how a store uses them
//
// No store scores every actor. Each actor has keys (Keys): for each word
// that counts, its skeleton (or its phonetic form if it has fewer than
// two consonants, or itself if literal), '_' and its first three letters
// (runes), and the skeleton of each two adjacent words joined. A query
// has probes (Query.Probes): for each word chosen, the skeletons within
// one edit of its skeleton, and so on (visitProbes lists them). The rule
// both stores apply is:
//
//	candidates = the actors with at least one key among q.Probes(freq)
//	hits       = the candidates whose q.Match(name, aliases).Score >= MinScore
//	order      = score descending, then degree descending, then actor id
//	total      = the number of hits, if the actors whose q.Bound reaches
//	             MinScore are at most MaxExactTotal; else their number,
//	             an upper bound of the hits (Results.Exact false)
//
// Invariant: an actor whose names score at least MinScore has a key
// among the probes, whichever freq is given. Every word similarity above
// zero needs the name word's key among the query word's probes (gate;
// TestGateMatchesKeys checks the two agree), and Probes leaves out only
// query words that together weigh too little for a name matching just
// them to reach MinScore (choose). So the hits do not depend on the
// probes chosen: both stores return identical hits, order and total for
// any query, however each counts key frequencies. TestIndexEqualsScan
// checks the Index against scoring every actor; FuzzMatch checks the
// invariant on any input.
//
// # Bounds, and common words
//
// Each key of an actor carries a payload (bound.go): the weight of the
// name's other words, the place of the vowels in the word's phonetic form
// (so that the key and the payload give the form back), and a hash of the
// word. From the keys of an actor that a query's probes reach, Query.Bound
// computes an upper bound of its score, exact but for a few cases (the
// same phonetic form gives 100, two words written as one 95); a candidate
// below MinScore is not scored at all, and every actor with a bound of at
// least MinScore shares a key with the chosen probes, so that their number
// does not depend on the probes either. When there are more than
// MaxExactTotal of them (a query whose every word is common: "Person",
// "Mohammed"), a search scores them best bound first, only until no bound
// left can enter its page, and gives their number as the total, flagged
// as an upper bound; the page is still the exact best. Every number
// involved depends on the stored names only, never on timing.
//
// The embedded store keeps an Index: ids are dense uint32s it assigns (its
// node positions); Add (or a Batch parsed outside its lock) on create and
// update, Remove on delete; SearchQuery under the store's read lock with
// SearchOptions.Keep for the kind filter and Compare for degree then id,
// work bounded by the postings of the probes and the candidates scored;
// then Hit.Describe with the original text of the matched name or alias
// (Index holds folded text only) for the page it returns. Exact and
// WordPrefix answer its strict Resolve, locking a chunk at a time.
//
// The Neo4j store keeps strings.Join(Keys(name, aliases), " ") in a
// property under a full-text index with the whitespace analyser, e.g.
//
//	CREATE FULLTEXT INDEX actor_name_keys IF NOT EXISTS FOR (a:Actor) ON EACH [a.name_keys]
//	OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}
//
// with KeysVersion beside it, and fetches candidates with
// db.index.fulltext.queryNodes on the probes, each a quoted term (keys are
// lower-case letters, digits, letters of other scripts and '_', never a
// quote, a backslash or a space; send at most a few hundred per query and
// take the union, Lucene limits clauses to 1024), then scores them with
// Query.Match, counts those whose Query.Bound reaches MinScore, and orders
// them as above. Passing nil as freq is correct (the choice then prefers
// long skeletons); counts from the index make it faster.
//
// Parse caps queries at MaxQueryBytes and MaxQueryWords (EINVALID naming
// the cap); names are compared on their first 32 words. Index.Search looks
// at its context every 1024 postings or candidates scored.
package names
