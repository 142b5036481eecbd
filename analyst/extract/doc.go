// Package extract reads an article's text and proposes what it says about
// actors: mentions of known actors, new actors, and typed relations
// between them, each with its evidence. It is the extraction core of
// issue 14; the stores, the review flow and the transports call it and
// keep its proposals.
//
// # Use
//
//	g := extract.NewGazetteer(actors)   // once per graph; read-only, share it
//	res, err := extract.Extract(ctx, g, text, extract.Options{Published: date})
//
// NewGazetteer needs of each actor only its ID, Kind, Name, Aliases and
// Start (an event's date). Extract returns the sentences (Result.Sentences)
// and the proposals (Result.Proposals): mentions, then new actors, then
// relations, each in text order. Errors: EINVALID for an empty text,
// invalid UTF-8 or binary data (NUL bytes, control characters), ETOOLARGE
// over Options.MaxBytes (default MaxTextBytes, 4 MiB), and ctx's error
// when ctx ends (checked every 32 sentences). Arabic, French with accents
// or any other script give plain proposals, never an error.
//
// # What every proposal carries
//
// Quote is verbatim text; Start and End count Unicode code points, so that
// text[Start:End] == Quote in Python (tests and a fuzzer check it). The
// quote of a mention or a new actor is its sentence (the name's own span is
// in Mention.Start/End, NewActor.Start/End); the quote of a relation is its
// sentence, or the clause from the first to the last word of the match
// when the sentence is over 300 bytes. Words are the words that carry the
// proposal: the name as printed, or for a relation the trigger words the
// pattern matched ("trained", "in"; "'s", "wife"; the doer noun of
// "London Bridge attacker"). Stance is "refutes" when a negation stands in
// the match or just before its first trigger ("not", "never", "no",
// "denied", "without", "didn't"...), else "supports". Claimant is who the
// sentence says makes the claim: the words after "according to", or the
// person, group or authority ("the police", "officials") right before a
// reporting verb ("said", "told", "claimed", ...) when the relation comes
// after it. Score is in [0,1]; Status is always Pending.
//
// # Mentions
//
// Names and aliases of the gazetteer are folded with graph.NormalizeName
// and indexed by their word n-grams; the text's words are folded the same
// way and looked up longest first at each word, so a lookup costs the same
// with 200 or a million actors. Capitals must fit: an alias of four
// letters or fewer, or in capitals ("IS", "US", "AQ", "Isil"), must be
// printed with the same capitals; a name with capitals needs one in the
// text; a one-word common English word is not a name at the start of a
// sentence. Then, in reading order:
//
//   - a surname alone, or after a title ("Mr Shah"), is the person last
//     named in full with it; a capitalised word before it makes it
//     someone else's name ("Athar Hussain");
//   - "the Kouachi brothers" names the people of that surname named in the
//     text (or, if fewer than two, the gazetteer's when there are few);
//   - "Said and Cherif Kouachi": a first name before "and" and a full name
//     is looked up with that surname;
//   - an acronym the text defines, "Name (ACR)" or "Name, or ACR,", names
//     the same actor afterwards;
//   - "the group" is the organisation named last (in the sentence, or the
//     two before);
//   - a surname one letter off a named person's ("Coulibaby") is that
//     person, with a lower score;
//   - capitalised spans of two to eight words that match nothing exactly
//     go to Options.Matcher (nil: the gazetteer's own fallback, names
//     within about one edit in eight letters that share a word). The
//     Matcher interface is where package graph/names plugs in:
//     Match(ctx, span, limit) ([]Candidate, error), each candidate with a
//     score and why it matched; an error skips the span, ctx's error stops
//     the extraction.
//
// Events are named by descriptions more often than by names. A
// description is an event noun (attack, bombing, shooting, murder, plot,
// siege, hack, raid, strike, ...) or a doer noun (attacker, bomber,
// killer, gunman, ...) with the names around it: places and capitalised
// words before it ("the 2004 Madrid bombings", "London Bridge attacker"),
// complements after it ("the attacks in Paris", "the murder of ...
// reporter Daniel Pearl", "an attack on London"), a year or month. It
// names the known event whose name or alias best shares its words (a Dice
// coefficient; a city of the event's in the country the text names counts
// 0.6; a trailing "..., Minnesota" need not match), of a fitting class and
// date, and never one after Options.Published. "The attacks in Kuwait and
// Tunisia" is split place by place. "The attacks" with nothing else is the
// event named in the last three sentences. A description that names no
// known event but has a place or a name becomes a new event.
//
// Mentions the text gives by pronoun are not proposed. Only to carry
// relations, "he" or "she" is the one person named in the sentence before
// (when exactly one is, and no person precedes it in its own sentence),
// "they" or "them" the two to four people named there (when it names no
// organisation, which "they" could be too), and "he" after "X said
// (that)" is X.
//
// Geography: a known place that the place table puts in a country the
// gazetteer holds is LOCATED_IN that country, once per text (see
// geography.go): reference knowledge, which the proposal's claimant says
// when the text does not name the country itself.
//
// # New actors
//
// Capitalised spans that name no known actor, outside headlines (which
// capitalise every word), with a kind from cues: a title before or inside
// ("Sheikh", "President", "Mr"); an organisation word ("Group", "Front",
// "Brigade", "Agency", "Times", ...); an event word; the place table
// (places.go: countries with their other names, demonyms and cities,
// written by hand); a person-cue word before ("reporter", "shopkeeper");
// "in", "to", "from" before a short span (place); a reporting verb after
// ("X said": person); a name particle or a common first name (person); a
// lone acronym (organisation). A span with no cue is not proposed.
//
// # Relations
//
// Relations come only from words that state them, never from two names in
// one sentence. patterns.go holds the pattern table: for each type, the
// usual English wordings between two slots, in a small notation (pattern
// documents it) with words, optional words, short gaps, and macros for "to
// be", adverbs, determiners and noun-phrase modifiers. A slot takes a
// mention or a list ("A, B and C"), may skip a determiner before it and a
// bracketed or short comma aside after it. Demonyms stand for their
// country in D slots ("the Tunisian killer", "a Pakistani terror group"),
// an E slot takes the event named last when a sentence stops ("The Islamic
// State likewise declared responsibility."), an AG slot takes a doer
// description ("London Bridge attacker Khurram Butt"). The type's allowed
// kinds at each end filter every match; directions follow the vocabulary.
// Besides the table:
//
//   - an event description gives OCCURRED_IN for its places (not for the
//     place after a comma that only says where the first lies) and
//     TARGETED for its targets;
//   - "Kobane, Syria": two places with only a comma between, the first no
//     country, not in a list, give LOCATED_IN;
//   - "the Kouachi brothers" gives SIBLING_OF;
//   - an organisation whose name starts with a demonym or a country
//     ("Pakistani Taliban", "U.S. Central Command") gives BASED_IN;
//   - people trained together (a list as subject of "trained") give
//     TRAINED_WITH; a demonym on a doer gives NATIONAL_OF;
//   - "X killed/stabbed/shot Y" gives PERPETRATED and TARGETED when the
//     gazetteer has an event of Y's killing;
//   - a hedged perpetration ("might have been committed by", "apparently
//     carried out by") is proposed as ATTRIBUTED_TO;
//   - a NATIONAL_OF to a city or region ("born in Leeds", "Birmingham-born")
//     is read as its country's;
//   - "his"/"her" stand for the one person named before them in their
//     sentence.
//
// A relation is dated with the date nearest its words in the sentence.
// Dates are absolute ("2011", "January 2015", "8 January 2015", "Nov.
// 2008", "Christmas Day 2000"); or take their year from Published or the
// last date before them ("on January 8", "in February"), or count from
// Published ("last year", "this year", "last month"), or from the last
// date before them in the text ("soon afterwards", "later", "a year
// later", "the following year"). Relation.DateText gives the words and
// DateNote says how a date that the text does not give in full was
// reached; relative dates are "no earlier than" the date they follow.
//
// One proposal is kept per type, ends, sentence and stance, the best
// scored. Endpoint.ID is empty for a new actor (then Name and Kind say
// which proposal of kind "actor" it is).
//
// # Measured
//
// EVAL.md has the evaluation against the seed graph (go run
// ./analyst/extract/cmd/extracteval), the library measurements (libeval)
// and the benchmarks, and says what does not work yet.
package extract
