package extract

import "github.com/actorgraph/actorgraph/graph"

// The pattern table: for each relation type, the ways English commonly
// states it between two named actors. See pattern for the notation. X
// names the relation's from-actor and Y its to-actor wherever they stand
// in the sentence ("Y trained X" is TRAINED_BY from X to Y), except in
// the patterns marked 'Y', whose slots are named in the order of the
// words and whose from-actor is Y (CLAIMED_BY: "X claimed responsibility
// for Y" runs from the event Y to the group X). A pattern has an optional
// role and a base score. The type's allowed kinds filter every match, so a
// pattern may be broad in wording without joining the wrong kinds.
//
// Word lists shared by several patterns:
const (
	memberRoles = "leader|leaders|head|chief|commander|commanders|emir|amir|spokesman|spokesperson|spokeswoman|member|members|militant|militants|fighter|fighters|operative|operatives|official|officials|ideologue|figure|figurehead|deputy|chairman|director|boss|founder|co-founder|recruiter|strategist|propagandist|preacher|cleric|activist|supporter|supporters"
	leadRoles   = "leader|head|chief|commander|emir|amir|spokesman|spokesperson|spokeswoman|official|ideologue|figurehead|deputy|chairman|director|boss|founder|co-founder|recruiter|strategist|propagandist|operative|militant|fighter|member"
	kinRoles    = "cousin|uncle|aunt|nephew|niece|son|daughter|father|mother|heir|grandson|granddaughter|grandfather|grandmother|stepson|stepbrother|relative|brother-in-law|sister-in-law|son-in-law|father-in-law|in-law"
	personNouns = "leader|jihadist|militant|extremist|cleric|preacher|national|citizen|man|woman|fighter|spokesman|journalist|reporter|killer|attacker|bomber|gunman|terrorist|convert|student|man|teenager|operative|commander|ideologue|neuroscientist|scientist|doctor|engineer|businessman|politician|official|diplomat|ambassador|soldier|officer|recruit|recruiter|plotter|propagandist|academic|analyst|author|head"
	groupNouns  = "group|organisation|organization|outfit|movement|faction|network|militia|cell|party|front|army|force|forces|sect|community|terror|terrorist|jihadist|militant|islamist|extremist|insurgent|rebel|separatist|armed"
	travelVerbs = "travelled|traveled|travelling|traveling|travels|travel|went|goes|go|going|flew|flown|flying|moved|moving|returned|returning|fled|fleeing|journeyed|drove|driven|came|come|coming|headed|heading|emigrated|relocated|crossed|ran|sent|smuggled|deployed"
)

// only restricts a pattern's from-actor to one kind.
func only(k graph.Kind, p pattern) pattern {
	p.onlyFrom = k
	return p
}

var patterns = []pattern{
	// MEMBER_OF
	compile("MEMBER_OF", 'X', "", 0.8, "X , @det @mod "+memberRoles+" of|in|for|within @det @mod Y"),
	compile("MEMBER_OF", 'X', "", 0.8, "X @be @adv @det @mod "+memberRoles+" of|in|for|within @det @mod Y"),
	compile("MEMBER_OF", 'X', "", 0.75, "Y 's? @mod "+leadRoles+" :? ,? X"),
	compile("MEMBER_OF", 'X', "", 0.75, "X , Y 's @mod "+leadRoles),
	compile("MEMBER_OF", 'X', "", 0.75, "@det? @mod "+leadRoles+" of @det @mod Y , X"),
	compile("MEMBER_OF", 'X', "", 0.75, "X @be? @adv joined|joining|joins|join|rejoined @det @mod Y"),
	compile("MEMBER_OF", 'X', "", 0.7, "X @be? @adv belonged|belongs|belonging to @det @mod Y"),
	compile("MEMBER_OF", 'X', "", 0.6, "X @be? @adv fought|fighting|fights|fight|served|serving|worked|working for|in|with @det Y"),
	compile("MEMBER_OF", 'X', "leader", 0.75, "X @be? @adv led|leads|leading|heads|headed|heading|commands|commanded|runs|ran @det @mod Y"),
	compile("MEMBER_OF", 'X', "", 0.7, "Y - linked|affiliated X"),
	compile("MEMBER_OF", 'X', "", 0.6, "X @be @adv involved in|with @det @mod Y"),
	compile("MEMBER_OF", 'X', "", 0.7, "X 's @mod group|organisation|organization|movement|outfit|faction|militia|network|party ,? Y"),
	compile("MEMBER_OF", 'X', "", 0.6, "X ~12 as @det @mod mastermind|"+memberRoles+" of @det @mod Y"),

	// FOUNDED
	compile("FOUNDED", 'X', "", 0.85, "X @be? @adv founded|co-founded|established|created|formed|set|launched up? @det @mod Y"),
	compile("FOUNDED", 'X', "", 0.8, "Y @be? @det? @mod founded|co-founded|established|created|formed|set up? _5 by X"),
	compile("FOUNDED", 'X', "", 0.8, "X , @det @mod who founded|established|created|formed|co-founded @det Y"),
	compile("FOUNDED", 'X', "", 0.8, "X , @det @mod founder|co-founder of @det @mod Y"),
	compile("FOUNDED", 'X', "", 0.8, "founder|co-founder of @det @mod Y , X"),
	compile("FOUNDED", 'X', "", 0.75, "Y 's? founder|co-founder X"),
	compile("FOUNDED", 'X', "", 0.75, "X , Y 's founder|co-founder"),

	// PLEDGED_ALLEGIANCE_TO
	compile("PLEDGED_ALLEGIANCE_TO", 'X', "", 0.85, "X @be? @adv pledged|pledging|pledges|pledge|declared|declaring|declares|swore|swearing|sworn|swears|gave|giving|announced|announcing|renewed|offered allegiance|loyalty|bayah|baya|bayat|oath to @det Y"),
	compile("PLEDGED_ALLEGIANCE_TO", 'X', "", 0.75, "X ,? _8 pledged|pledging|declaring|declared|swore|swearing|sworn|announcing allegiance|loyalty|bayah|baya|bayat to @det Y"),

	// RECRUITED_BY
	compile("RECRUITED_BY", 'X', "", 0.85, "X @be @adv recruited|radicalised|radicalized|groomed by @det @mod Y"),
	compile("RECRUITED_BY", 'X', "", 0.8, "Y @be? @adv recruited|recruits X"),

	// TRAINED_BY, TRAINED_IN (TRAINED_WITH follows from people trained together)
	compile("TRAINED_BY", 'X', "", 0.85, "X @be @adv trained|schooled|taught|coached by @det @mod Y"),
	compile("TRAINED_BY", 'X', "", 0.75, "Y @be? @adv trained|schooled|coached X"),
	compile("TRAINED_BY", 'X', "", 0.7, "X ~6 Y training camp|camps|course|courses"),
	compile("TRAINED_BY", 'X', "", 0.7, "X @be? @adv received|underwent|attended|completed @det @mod training from|with|by Y"),
	compile("TRAINED_IN", 'X', "", 0.85, "X @be @adv trained|training in|at Y"),
	compile("TRAINED_IN", 'X', "", 0.8, "X @be? @adv attended|visited|went|received|underwent ~3 training ~2 in|at Y"),
	compile("TRAINED_IN", 'X', "", 0.75, "X ~6 training camp|camps|course|courses in|at Y"),

	// FINANCED_BY
	compile("FINANCED_BY", 'X', "", 0.85, "X @be @adv financed|funded|bankrolled|sponsored|paid by @det @mod Y"),
	compile("FINANCED_BY", 'X', "", 0.8, "Y @be? @adv financed|funded|bankrolled|sponsored|funds|finances X"),
	compile("FINANCED_BY", 'X', "", 0.75, "X @be? @adv received|receives|got @mod funding|funds|money|cash|finance|financing from @det Y"),

	// FACILITATED_BY
	compile("FACILITATED_BY", 'X', "", 0.8, "X @be @adv helped|assisted|aided|facilitated|smuggled|supplied|armed|equipped|sheltered|harboured|harbored by @det @mod Y"),
	compile("FACILITATED_BY", 'X', "", 0.75, "Y @be? @adv helped|assisted|aided|facilitated|smuggled|sheltered|harboured|harbored|armed|supplied X"),
	compile("FACILITATED_BY", 'X', "", 0.7, "Y @be? @adv took|takes|taking|escorted|accompanied|introduced|drove|guided X around|to|into|through"),

	// INSPIRED_BY
	compile("INSPIRED_BY", 'X', "", 0.85, "X @be @adv inspired|influenced|radicalised|radicalized|motivated by @det @mod Y"),
	compile("INSPIRED_BY", 'X', "", 0.8, "X @be @adv Y - inspired"),
	compile("INSPIRED_BY", 'X', "", 0.8, "Y - inspired X"),
	compile("INSPIRED_BY", 'X', "", 0.75, "Y @be? @adv inspired X"),
	compile("INSPIRED_BY", 'X', "", 0.75, "X @be @adv @det @mod fan|admirer|follower|followers|disciple|disciples|devotee|devotees|student of Y"),
	compile("INSPIRED_BY", 'X', "", 0.7, "X @be? @adv admired|admires|idolised|idolized|idolises|idolizes|emulated|emulate|emulates|emulating|copied|imitated|revered|reveres Y"),
	compile("INSPIRED_BY", 'X', "", 0.7, "X _6 in the name of Y"),
	compile("INSPIRED_BY", 'X', "", 0.65, "X ~12 big? fan|admirer|disciple|devotee of Y"),
	compile("INSPIRED_BY", 'X', "", 0.7, "X @be? @adv adopted|copied|borrowed|emulated|mimicked|imitated|followed @det @mod style|tactics|methods|model|playbook|approach|strategy of Y"),

	// DIRECTED_BY
	compile("DIRECTED_BY", 'X', "", 0.85, "X @be @adv directed|ordered|commanded|orchestrated|instigated|guided|steered|controlled|coordinated|run by @det @mod Y"),
	compile("DIRECTED_BY", 'X', "", 0.8, "X @be @adv Y - directed|orchestrated|ordered"),
	compile("DIRECTED_BY", 'X', "", 0.8, "Y - directed|orchestrated|ordered X"),
	compile("DIRECTED_BY", 'X', "", 0.75, "Y @be? @adv directed|ordered|commanded|orchestrated|instigated X"),
	compile("DIRECTED_BY", 'X', "", 0.75, "X _3 on behalf of @det @mod Y"),
	compile("DIRECTED_BY", 'X', "", 0.75, "X @be @adv under @det direction|command|orders|control|instructions of @det @mod Y"),
	compile("DIRECTED_BY", 'X', "", 0.75, "X @be @adv directed ~3 by @det @mod Y"),

	// PERPETRATED
	compile("PERPETRATED", 'X', "", 0.85, "X @be? @adv carried|carries|carry|carrying out @det @mod Y"),
	compile("PERPETRATED", 'X', "", 0.8, "X @be? @adv perpetrated|committed|executed|staged|conducted|launched|mounted|undertook|undertaken @det @mod Y"),
	compile("PERPETRATED", 'X', "", 0.85, "Y @be @adv carried|perpetrated|committed|executed|staged|conducted|undertaken|done out? by @det @mod X"),
	compile("PERPETRATED", 'X', "", 0.85, "AG :? X"),
	compile("PERPETRATED", 'X', "", 0.85, "X _3 [|( AG ]|)"),
	compile("PERPETRATED", 'X', "", 0.8, "X , AG"),
	compile("PERPETRATED", 'X', "", 0.8, "AG , X"),
	compile("PERPETRATED", 'X', "", 0.75, "X , @det @mod who carried|perpetrated|committed|staged out? @det @mod Y"),
	compile("PERPETRATED", 'X', "", 0.75, "X @be? @adv took|take|taking|takes|played part|role in @det @mod Y"),
	compile("PERPETRATED", 'X', "", 0.7, "X ,? who? @adv killed|shot|stabbed|murdered|wounded|injured _4 in|during|at @det @mod Y"),
	compile("PERPETRATED", 'X', "", 0.7, "X @be @adv convicted|sentenced|jailed|imprisoned|found|sent ~6 for|of @det @mod Y"),
	// "Tanveer Ahmed ... stabbed shopkeeper Asad Shah": the killing of a
	// named person, resolved to the known event of that killing.
	compile("KILLED", 'X', "", 0.7, "X @be? @adv killed|murdered|stabbed|shot|assassinated|beheaded|executed _2 Y"),
	compile("KILLED", 'X', "", 0.6, "X ~8 and @adv killed|murdered|stabbed|shot|assassinated|beheaded|executed _2 Y"),

	// PLANNED
	compile("PLANNED", 'X', "", 0.8, "X @be? @adv planned|plotted|plotting|planning|plans|plots|masterminded|masterminding|prepared|preparing|organised|organized @det @mod Y"),
	compile("PLANNED", 'X', "", 0.8, "Y @be @adv planned|plotted|masterminded|prepared|organised|organized by @det @mod X"),
	compile("PLANNED", 'X', "", 0.7, "X , @det @mod mastermind|architect|planner of @det @mod Y"),

	// CLAIMED_BY: the event is the from-actor.
	compile("CLAIMED_BY", 'Y', "", 0.85, "X @be? @adv claimed|claims|claiming|claim|took|taken|taking|take|takes|declared|declaring|declares|accepted|admitted|issued responsibility|credit for @det @mod Y"),
	compile("CLAIMED_BY", 'Y', "", 0.7, "X @be? @adv claimed|claims|claiming|took|taken|taking|declared|declaring|declares responsibility|credit E"),
	compile("CLAIMED_BY", 'X', "", 0.85, "X @be @adv claimed by @det @mod Y"),
	compile("CLAIMED_BY", 'Y', "", 0.75, "X @be? @adv claimed|claiming @det Y"),
	compile("CLAIMED_BY", 'Y', "", 0.75, "X 's claim|claims of|for @det Y"),

	// ATTRIBUTED_TO: a third party attributes the event.
	compile("ATTRIBUTED_TO", 'X', "", 0.8, "X @be @adv attributed|blamed|linked|tied|traced|connected|attributable back? to|on @det @mod Y"),
	compile("ATTRIBUTED_TO", 'Y', "", 0.75, "X @be @adv @det? responsible|blamed|accused|suspected for|of @det @mod Y"),
	compile("ATTRIBUTED_TO", 'Y', "", 0.75, "X _3 @be @adv behind @det @mod Y"),
	compile("ATTRIBUTED_TO", 'X', "", 0.7, "X @be @det work of @det @mod Y"),
	compile("ATTRIBUTED_TO", 'X', "", 0.7, "X @be @adv carried out by @det @mod Y"),
	compile("ATTRIBUTED_TO", 'X', "", 0.75, "blamed|blames|blaming|accused|accuses|held|holds|faulted @det Y responsible? for|of @det @mod X"),

	// TARGETED (also from "attack on X", "murder of X" descriptions)
	compile("TARGETED", 'X', "", 0.8, "X @be? @adv targeted|targeting|targets|struck|hit|attacked|killed|assassinated|murdered @det @mod Y"),
	compile("TARGETED", 'X', "", 0.75, "X @be? @adv aimed at @det @mod Y"),
	compile("TARGETED", 'Y', "", 0.7, "X @be @adv killed|wounded|injured|assassinated|targeted|shot|hurt in|by|during @det @mod Y"),

	// PART_OF
	compile("PART_OF", 'X', "", 0.8, "X @be @adv @det? part of @det @mod Y"),
	compile("PART_OF", 'X', "", 0.7, "X , @det? part|one of @det @mod Y"),

	// MET
	compile("MET", 'X', "", 0.85, "X @be? @adv met|meets|meet|meeting with? Y"),
	compile("MET", 'X', "", 0.8, "X and Y @adv met|meet"),
	compile("MET", 'X', "", 0.7, "X @be ~10 and @adv met|meeting|meets Y"),
	compile("MET", 'X', "", 0.75, "meeting|meetings between X and Y"),
	compile("MET", 'X', "", 0.7, "X @be? @adv visited|visiting|visits Y"),

	// COMMUNICATED_WITH
	compile("COMMUNICATED_WITH", 'X', "", 0.8, "X @be? @adv communicated|communicating|corresponded|corresponding|spoke|speaking|talked|talking|chatted|chatting|emailed|messaged|messaging|phoned|called|calling with|to? Y"),
	compile("COMMUNICATED_WITH", 'X', "", 0.8, "X @be? @adv in contact|touch|communication with Y"),
	compile("COMMUNICATED_WITH", 'X', "", 0.75, "contact|contacts|communications|communication|messages|calls between X and Y"),

	// ASSOCIATE_OF
	compile("ASSOCIATE_OF", 'X', "", 0.8, "X @be? @adv became|become|were|was friends with Y"),
	compile("ASSOCIATE_OF", 'X', "", 0.8, "X and Y @adv became|become|were|are friends|associates|close|friendly|acquainted"),
	compile("ASSOCIATE_OF", 'X', "", 0.8, "X 's friend|associate|accomplice|companion|confidant|comrade Y"),
	compile("ASSOCIATE_OF", 'X', "", 0.75, "X , @det @mod friend|associate|accomplice|companion|comrade of Y"),
	compile("ASSOCIATE_OF", 'X', "", 0.75, "ties|links|relationship|friendship|collaboration|partnership|connection|connections between X and Y"),
	compile("ASSOCIATE_OF", 'X', "", 0.7, "X @be? @adv collaborated|collaborates|cooperated|worked|teamed|plotted|conspired up? with Y"),
	compile("ASSOCIATE_OF", 'X', "", 0.65, "X @be? @adv knew|knows Y"),

	// SIBLING_OF, SPOUSE_OF, RELATIVE_OF
	compile("SIBLING_OF", 'X', "", 0.85, "X 's brother|sister|sibling|twin ,? Y"),
	compile("SIBLING_OF", 'X', "", 0.8, "X , @det @mod brother|sister|sibling of Y"),
	compile("SIBLING_OF", 'X', "", 0.8, "brothers|sisters|siblings X and Y"),
	compile("SIBLING_OF", 'X', "", 0.8, "X and Y @be @adv brothers|sisters|siblings"),
	compile("SPOUSE_OF", 'X', "", 0.85, "X 's wife|husband|widow|widower|spouse|bride ,? Y"),
	compile("SPOUSE_OF", 'X', "", 0.8, "X , @det @mod wife|husband|widow|widower|spouse of Y"),
	compile("SPOUSE_OF", 'X', "", 0.8, "X @be? @adv married|marries|marry|wed Y"),
	compile("SPOUSE_OF", 'X', "", 0.75, "X and Y @be? @adv married"),
	compile("RELATIVE_OF", 'Y', "", 0.8, "X 's "+kinRoles+" ,? Y"),
	compile("RELATIVE_OF", 'Y', "", 0.8, "X 's brother|sister in law ,? Y"),
	compile("RELATIVE_OF", 'X', "", 0.75, "X , @det @mod "+kinRoles+" of Y"),

	// AFFILIATE_OF, ALLIED_WITH, RIVAL_OF, SPLIT_FROM
	compile("AFFILIATE_OF", 'X', "", 0.8, "X , @det @mod affiliate|branch|franchise|province|wing|offshoot|arm|chapter|subsidiary of Y"),
	compile("AFFILIATE_OF", 'X', "", 0.8, "Y 's affiliate|branch|franchise|province|wing|offshoot|arm|chapter ~3 , X"),
	compile("AFFILIATE_OF", 'X', "", 0.8, "Y 's affiliate|branch|franchise|province|wing|offshoot|arm|chapter ,? X"),
	compile("AFFILIATE_OF", 'X', "", 0.75, "X , @det @mod "+groupNouns+" affiliated|aligned|allied|linked with|to Y"),
	compile("AFFILIATE_OF", 'X', "", 0.75, "X @be @adv affiliated|aligned with|to Y"),
	compile("AFFILIATE_OF", 'X', "", 0.7, "Y affiliate|affiliates|franchise|province X"),
	compile("AFFILIATE_OF", 'X', "", 0.7, "X , @det Y affiliate|offshoot|franchise|branch"),
	compile("AFFILIATE_OF", 'X', "", 0.6, "X ~8 remaining|remained|remains|stayed|stays loyal to Y"),
	compile("ALLIED_WITH", 'X', "", 0.8, "X @be? @adv allied|aligned|partnered with Y"),
	compile("ALLIED_WITH", 'X', "", 0.75, "alliance|partnership|cooperation|collaboration between X and Y"),
	compile("ALLIED_WITH", 'X', "", 0.75, "X and Y _4 work|worked|working|operate|operated|fight|fought|fighting together"),
	compile("ALLIED_WITH", 'X', "", 0.7, "X @be? @adv cooperated|cooperates|collaborated|collaborates|teamed with Y"),
	compile("RIVAL_OF", 'X', "", 0.8, "rivalry|feud|competition|war|conflict|clashes|fighting|split|enmity|hostility between X and Y"),
	compile("RIVAL_OF", 'X', "", 0.8, "X 's rival|rivals|enemy|enemies|foe Y"),
	compile("RIVAL_OF", 'X', "", 0.75, "X @be? @adv fought|fighting|fights|battled|battling|clashed|clashing|warring|competing|competed with|against Y"),
	compile("RIVAL_OF", 'X', "", 0.75, "X ~3 rivalry|feud|war|competition with|against Y"),
	compile("RIVAL_OF", 'X', "", 0.7, "X 's? _6 took|takes|taking|take aim at Y"),
	compile("SPLIT_FROM", 'X', "", 0.85, "X @be? @adv split|broke|breaking|splintered|splintering|defected away? from Y"),
	compile("SPLIT_FROM", 'X', "", 0.8, "X , @det @mod splinter group|faction of Y"),

	// TRAVELLED_TO
	compile("TRAVELLED_TO", 'X', "", 0.8, "X @be? @adv "+travelVerbs+" _2 to|into Y"),
	compile("TRAVELLED_TO", 'X', "", 0.8, "X @be? @adv "+travelVerbs+" to and from Y"),
	compile("TRAVELLED_TO", 'X', "", 0.65, "X ,? _6 "+travelVerbs+" to|into Y"),
	compile("TRAVELLED_TO", 'X', "", 0.6, "X ~10 and @adv "+travelVerbs+" to|into Y"),
	compile("TRAVELLED_TO", 'X', "", 0.55, "X ~12 arrived|arrives|arriving|landed|lands at|in Y"),
	compile("TRAVELLED_TO", 'X', "", 0.75, "X @be? @adv arrived|arrives|arriving|landed in|at Y"),
	compile("TRAVELLED_TO", 'X', "", 0.7, "X @be? @adv visited|visiting|visits Y"),
	compile("TRAVELLED_TO", 'X', "", 0.7, "X _4 trip|tour|journey|visit|travel|travels|pilgrimage to|of Y"),
	compile("TRAVELLED_TO", 'X', "", 0.7, "X @be? @adv spent|spends|spending ~3 in Y"),

	// IMPRISONED_IN
	compile("IMPRISONED_IN", 'X', "", 0.85, "X @be @adv imprisoned|jailed|detained|held|incarcerated|locked|interned|captured|arrested up? in|at Y"),
	compile("IMPRISONED_IN", 'X', "", 0.8, "X @be? @adv released|freed|escaped from @det? @mod captivity|prison|jail|detention|custody in Y"),
	compile("IMPRISONED_IN", 'X', "", 0.8, "X @be? @adv released|freed|escaped from @det? D jail|prison|custody|captivity|detention"),
	compile("IMPRISONED_IN", 'X', "", 0.8, "X @be? @adv in @det? D jail|prison|custody|captivity|detention"),
	compile("IMPRISONED_IN", 'X', "", 0.8, "X @be? @adv sits|sat|sitting|remains on death row in Y"),
	compile("IMPRISONED_IN", 'X', "", 0.75, "X @be? @adv in @det? prison|jail|custody|detention in Y"),
	compile("IMPRISONED_IN", 'X', "", 0.7, "X 's? @mod release|escape|freeing|transfer from @det? D jail|prison|custody|captivity|detention"),
	compile("IMPRISONED_IN", 'X', "", 0.7, "X 's? @mod release|escape|freeing|transfer from @det? @mod captivity|prison|jail|detention|custody in Y"),
	compile("IMPRISONED_IN", 'X', "", 0.65, "X ~8 placed|held|kept|locked|put|thrown|jailed in @det? D jail|prison|custody|cell|detention"),

	// BASED_IN
	compile("BASED_IN", 'X', "", 0.85, "X @be? @adv based|headquartered|operating|operates|operated|active|entrenched|present in|out|from of? Y"),
	compile("BASED_IN", 'X', "", 0.8, "Y - based X"),
	compile("BASED_IN", 'X', "", 0.75, "X , @det @mod D @mod "+groupNouns),
	compile("BASED_IN", 'X', "", 0.75, "@det D @mod group|organisation|organization|outfit|movement|faction|militia|network :? ,? X"),
	compile("BASED_IN", 'X', "", 0.7, "X 's base|bases|headquarters|stronghold|strongholds in Y"),
	compile("BASED_IN", 'X', "", 0.7, "X @be? @adv living|lived|lives|resident|residing|settled|stationed in Y"),
	compile("BASED_IN", 'X', "", 0.6, "X of Y"),
	compile("BASED_IN", 'X', "", 0.6, "Y @mod resident|man|woman|driver|shopkeeper|teacher|student|imam|cleric|preacher|businessman|father|mother|youth|teenager|councillor|doctor|nurse|worker|boy|girl X"),
	only(graph.Organization, compile("BASED_IN", 'X', "", 0.55, "X in Y")),

	// OCCURRED_IN (also from "the attacks in Paris" descriptions)
	compile("OCCURRED_IN", 'X', "", 0.85, "X @be? @adv took place|happened|occurred|unfolded in|at Y"),
	compile("OCCURRED_IN", 'X', "", 0.7, "X in|at Y"),

	// LOCATED_IN
	compile("LOCATED_IN", 'X', "", 0.8, "@det D city|town|village|province|region|district|capital|port|governorate|state|county of X"),
	compile("LOCATED_IN", 'X', "", 0.75, "Y 's X"),
	compile("LOCATED_IN", 'X', "", 0.7, "X in|near|outside Y"),

	// NATIONAL_OF
	compile("NATIONAL_OF", 'X', "", 0.75, "X , @det ~3 D"),
	compile("NATIONAL_OF", 'X', "", 0.75, "D X"),
	compile("NATIONAL_OF", 'X', "", 0.7, "D ~3 "+personNouns+" :? ,? X"),
	compile("NATIONAL_OF", 'X', "", 0.75, "of D descent|origin|nationality|extraction|parentage|heritage ,? X"),
	compile("NATIONAL_OF", 'X', "", 0.75, "X @be @adv @det? D national|citizen|nationals|citizens"),
	compile("NATIONAL_OF", 'X', "", 0.7, "X @be @adv @det? D ,|."),
	compile("NATIONAL_OF", 'X', "", 0.7, "X @be? @adv @det? national|citizen|nationals|citizens of Y"),
	// Born in a place: the nationality of its country (a city is read
	// as its country, see emit).
	compile("NATIONAL_OF", 'X', "", 0.65, "X @be? @adv born|raised in Y"),
	compile("NATIONAL_OF", 'X', "", 0.65, "X , @det @mod Y -? born"),
	compile("NATIONAL_OF", 'X', "", 0.65, "@det? Y -? born @mod :? ,? X"),
}
