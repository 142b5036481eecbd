package extract

import "strings"

// The word lists below are written by hand; each says what it is for.

// commonWord holds frequent English words. A one-word name that is also a
// common word ("Nice", "Said", "Jordan" is not one) must be printed with
// its capitals and may not start a sentence; a capitalised common word is
// no new actor by itself.
var commonWord = setOf(strings.Fields(`
a about above across after afterwards again against ago all almost alone along already also although always am among
an and another any anyone anything anywhere are around as at away back be became because become becomes been before
beforehand behind being below beside besides between beyond both but by can cannot could did do does doing done down
during each either else elsewhere enough even ever every everyone everything everywhere except few first for former
formerly from further furthermore had has have having he hence her here hers herself him himself his how however i if
in indeed instead into is it its itself just last later latter least less like likewise many may me meanwhile might
more moreover most mostly much must my myself namely neither never nevertheless next no nobody none nor not nothing
now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
rather same second several she should since so some somehow someone something sometimes still such than that the
their them themselves then there thereafter thereby therefore these they third this those though through throughout
thus to together too toward towards under until up upon us very via was we well were what whatever when whenever where
whereas whether which while who whoever whole whom whose why will with within without would yet you your yours
yourself yourselves
said says say told tell tells asked ask according added noted wrote claimed stated reported reports report
new old good great big small high low long short early late recent recently latest major main key top final full
free general public private national international local global central regional federal royal
north south east west northern southern eastern western
people person group groups man men woman women child children family members member leader leaders
state states government police army forces security intelligence service services court office
attack attacks war world day days time times year years week weeks month months today yesterday tomorrow
read more share subscribe contact related news next previous home page comments comment
mr mrs ms dr sir madam st
yes ok okay please thanks thank
will shall can may must might
second third fourth fifth
`)...)

// months maps a folded month name or abbreviation to its number.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

// personTitles are words before a name that make it a person's.
var personTitles = setOf(strings.Fields(`
mr mrs ms miss dr prof professor sir dame lord lady sheikh shaykh shaikh sheik imam maulana mawlana mullah mufti
emir amir caliph sayyid hajji haji ustadh ustaz president vice minister secretary senator congressman congresswoman
governor mayor judge justice general gen colonel col major lieutenant lt captain capt sergeant sgt commander
commissioner deputy chief inspector detective superintendent officer ambassador king queen prince princess
pope father brother sister reverend rev rabbi cardinal bishop chancellor premier ayatollah hojatoleslam
spokesman spokeswoman spokesperson
`)...)

// orgWords are words inside a name that make it an organisation's.
var orgWords = setOf(strings.Fields(`
group front army brigade brigades battalion battalions movement party council committee organisation organization
agency service services police command institute institution university college ministry department corps network
cell company corporation inc ltd llc bank foundation association union league federation society coalition alliance
forces force guard guards jamaat jamaah jamaa jama jemaah tehrik tanzim harakat hizb hezbollah hizbollah harakah
taliban mujahideen mujahedeen mujahidin fighters militia militias emirate caliphate state sect community
commission center centre office bureau directorate board trust fund media times news post journal herald guardian
telegraph tribune press magazine sentinel channel network broadcasting radio television tv
school mosque church
`)...)

// eventClass groups the nouns that name attacks and other events. Two
// event words match when their classes are the same or one is "attack".
var eventHeads = map[string]string{
	"attack": "attack", "attacks": "attack", "assault": "attack", "assaults": "attack", "atrocity": "attack",
	"atrocities": "attack", "incident": "attack", "incidents": "attack", "carnage": "attack", "rampage": "attack",
	"massacre": "attack", "massacres": "attack", "spree": "attack",
	"bombing": "bombing", "bombings": "bombing", "bombs": "bombing", "bomb": "bombing", "explosion": "bombing",
	"explosions": "bombing", "blast": "bombing", "blasts": "bombing",
	"shooting": "shooting", "shootings": "shooting", "gunfight": "shooting",
	"stabbing": "stabbing", "stabbings": "stabbing",
	"murder": "murder", "murders": "murder", "killing": "murder", "killings": "murder",
	"assassination": "murder", "beheading": "murder", "beheadings": "murder",
	"plot": "plot", "plots": "plot", "conspiracy": "plot",
	"siege": "siege", "hostage": "siege",
	"hijacking": "hijacking", "hijackings": "hijacking",
	"hack": "hack", "hacking": "hack", "hackings": "hack",
	"raid": "raid", "raids": "raid",
	"strike": "strike", "strikes": "strike", "airstrike": "strike", "airstrikes": "strike",
	"offensive": "battle", "battle": "battle", "siege of": "battle", "liberation": "battle",
	"crash":       "crash",
	"bombardment": "strike",
}

// agentNouns name the doer of an event of a class: "the Manchester
// bomber" is the doer of a bombing in Manchester.
var agentNouns = map[string]string{
	"attacker": "attack", "attackers": "attack", "bomber": "bombing", "bombers": "bombing",
	"gunman": "shooting", "gunmen": "shooting", "shooter": "shooting", "shooters": "shooting",
	"killer": "attack", "killers": "attack", "murderer": "murder", "murderers": "murder",
	"assassin": "murder", "assassins": "murder", "hijacker": "hijacking", "hijackers": "hijacking",
	"plotter": "plot", "plotters": "plot", "stabber": "stabbing", "perpetrator": "attack", "perpetrators": "attack",
}

// eventModifiers may stand between a determiner and an event noun
// without naming anything: "the latest vehicle attack".
var eventModifiers = setOf(strings.Fields(`
suicide terror terrorist truck vehicle car axe knife gun mass twin double triple coordinated deadly latest recent
first second last major failed foiled attempted thwarted alleged planned suspected jihadist islamist bloody brutal
train plane airline airliner drone mosque church school market nightclub bridge shopping mall stadium arena
beach hotel airport subway metro tube bus concert festival christmas easter new year cross-border border cross
hostage car-bomb chemical radiological nuclear cyber online sectarian military armed militant lone wolf actor
lone-actor lone-wolf high-profile spectacular simultaneous multiple series wave
`)...)

// negations turn a statement into one that refutes.
var negations = setOf("not", "never", "no", "neither", "nor", "without", "denied", "denies", "deny", "denying", "rejected", "refuted", "dismissed", "nothing", "none", "nobody", "hardly", "unlikely", "false")

// hedges make a statement less certain without refuting it.
var hedges = setOf("apparently", "allegedly", "reportedly", "possibly", "probably", "likely", "perhaps", "may", "might", "could", "suspected", "alleged", "believed", "thought", "suggested", "speculating", "speculated", "rumour", "rumor", "unclear", "uncertain", "if")

// reportingVerbs introduce a claim by the subject before them.
var reportingVerbs = setOf("said", "says", "say", "told", "tells", "claimed", "claims", "claim", "stated", "states",
	"reported", "reports", "added", "noted", "wrote", "writes", "insisted", "insists", "alleged", "alleges",
	"announced", "announces", "confirmed", "confirms", "denied", "denies", "argued", "argues", "explained",
	"explains", "testified", "admitted", "admits", "acknowledged", "believes", "believed", "thinks", "suggested",
	"suggests", "estimated", "warned", "warns", "revealed", "reveals", "pointed", "mentioned", "asserted", "maintained",
	"blamed", "blames", "accused", "accuses")
