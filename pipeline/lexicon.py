"""Word lists the claim extractor reads, kept as data in one place.

Everything here is lower case and matched against spaCy lemmas (verbs, nouns) or the
lower-cased text (titles, pronouns, multiword cues). The lists follow the codebook
(../shared/codebook.md, sections 1 and 2): a cue is a verb of saying or claiming,
"according to", or a colon or dash that introduces a quotation; perception and feeling
verbs are cues only when they report what the source asserts.
"""
from __future__ import annotations

# Verbs whose subject asserts the content of their clausal complement or object.
REPORTING_VERBS: frozenset[str] = frozenset(
    """
    say tell insist note blame call criticize criticise reject deny announce urge add
    claim argue warn write explain acknowledge admit suggest report tweet post state
    declare vow pledge promise recall estimate predict concede contend complain accuse
    charge ask respond reply confirm emphasize emphasise stress testify allege assert
    maintain mention observe point remark comment counter retort reiterate repeat
    disclose reveal indicate describe characterize characterise label brand dismiss
    condemn denounce praise question demand lament hint boast joke quip muse opine
    conclude caution advise propose recommend predict forecast speculate cite
    guarantee assure reassure swear affirm reaffirm proclaim concur agree disagree
    dispute doubt threaten inform notify tout hail applaud slam blast rip
    decry deride mock chide scold rebuke lambast fault credit thank apologize
    apologise acknowledge recount describe detail outline summarize summarise
    announce publish release order instruct direct implore beg plead appeal
    exclaim whisper mutter murmur sigh chime vent gush
    underscore underline frame hold find
    believe think expect hope fear worry
    """.split()
)

# Of those, verbs that report an assertion only with a clausal complement ("believed
# that ...", "feared the ..."): with a bare object they are not claims.
CLAUSE_ONLY_VERBS: frozenset[str] = frozenset(
    """
    believe think expect hope fear worry agree disagree doubt add write post publish
    release conclude indicate know learn decide mean show find
    """.split()
)

# Verbs that take an object (and what follows) as the claim itself, with no clause:
# "blamed the unrest on ...", "called the attack a real fight", "urged people to ...".
OBJECT_CLAIM_VERBS: frozenset[str] = frozenset(
    """
    blame call criticize criticise reject deny urge accuse charge describe characterize
    characterise label brand dismiss condemn praise demand predict
    estimate promise pledge vow cite hail applaud slam blast rip decry deride
    mock chide scold rebuke lambast fault credit tout announce confirm acknowledge
    admit disclose reveal propose recommend suggest threaten implore beg ask
    point hold frame warn detail
    """.split()
)
# Object-claim verbs whose object makes a claim only with an infinitive after it
# ("warned Pyongyang to refrain from tests"; not "warned the public").
INFINITIVE_OBJECT_VERBS: frozenset[str] = frozenset({"warn"})
# Conjunctions opening a clause of time ("... after hackers targeted two states").
TIME_MARKS: frozenset[str] = frozenset({"after", "before", "when", "while", "since", "until"})

# Verbs of perception or feeling: never cues on their own (codebook section 1).
PERCEPTION_VERBS: frozenset[str] = frozenset(
    "see feel hear watch notice look seem appear sound smell taste".split()
)

# Phrasal cues: (verb lemma, particle) pairs that make a verb of saying.
PHRASAL_CUES: frozenset[tuple[str, str]] = frozenset(
    {("point", "out"), ("call", "for"), ("call", "on"), ("chime", "in"), ("weigh", "in"),
     ("speak", "out"), ("lash", "out"), ("push", "back"), ("go", "on"), ("sum", "up")}
)

# Words that make "call" an action rather than a cue ("called in troops").
NON_CUE_PARTICLES: frozenset[str] = frozenset("in up off back out".split())

# Multiword cues, lower case, matched on token text.
MULTIWORD_CUES: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("in", "a", "statement"),
    ("in", "an", "interview"),
    ("in", "a", "tweet"),
    ("in", "a", "post"),
    ("in", "a", "letter"),
    ("in", "a", "speech"),
)

# Prepositional cue heads: "according to X" attributes the clause it modifies to X.
ACCORDING_CUES: frozenset[str] = frozenset({"according"})

# Titles that precede a name. Stripped from the entity name, kept in the role.
TITLES: frozenset[str] = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady
    president vice-president vp pm prime minister premier chancellor king queen prince princess
    sen sen. senator rep rep. representative congressman congresswoman gov gov. governor
    lt. lt gen gen. general col col. colonel maj maj. major capt capt. captain sgt sgt.
    adm adm. admiral cmdr cmdr. secretary attorney mayor judge justice chief
    rev rev. reverend father bishop pope ambassador commissioner sheriff officer
    speaker leader chairman chairwoman chair director minister deputy spokesman
    spokeswoman spokesperson nominee candidate
    """.split()
)

# Nouns naming what someone is: used to find the entity a description points to
# ("the analyst" after "political scientist X", "the musician" after "X, a pianist").
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    spokesman spokeswoman spokesperson analyst scientist activist official prosecutor
    observer expert researcher professor scholar economist strategist pollster adviser
    advisor aide consultant lawyer attorney judge banker musician pianist singer artist
    writer author journalist reporter editor correspondent columnist commentator
    protester demonstrator student teacher doctor physician nurse officer policeman
    policewoman soldier general commander minister senator congressman congresswoman
    representative governor mayor president leader chairman chairwoman director founder
    candidate nominee businessman businesswoman executive ceo manager diplomat
    ambassador envoy secretary lawmaker legislator politician campaigner organizer
    organiser volunteer witness victim resident voter supporter critic opponent
    blogger host anchor actor actress entrepreneur owner worker employee member
    head chief deputy official source insider operative staffer surrogate mother
    father son daughter wife husband brother sister friend neighbor neighbour veteran
    """.split()
)

# Personal pronouns that can be a source, with the kind of antecedent they take.
PRONOUNS: dict[str, str] = {
    "he": "person", "him": "person", "she": "person", "her": "person",
    "i": "person", "me": "person",
    "they": "plural", "them": "plural", "we": "plural", "us": "plural",
    "it": "organization",
    "you": "person",
    "who": "relative", "which": "relative", "that": "relative",
}
# Pronouns (and "this") that refer to a source rather than name it.
REFERRING_PRONOUNS: frozenset[str] = frozenset(PRONOUNS) | {"this"}

# Heads of anonymous sources ("a foreign diplomat", "diplomatic sources", "officials who
# spoke on condition of anonymity", "a person familiar with the matter").
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    "source sources insider insiders person people official officials aide aides diplomat diplomats".split()
)
ANONYMOUS_MARKERS: tuple[str, ...] = (
    "anonymity",
    "anonymously",
    "not authorized",
    "not authorised",
    "familiar with",
    "requested not to be named",
    "declined to be named",
    "asked not to be named",
    "who asked not to be identified",
)

# Plural nouns naming a group of people as a source.
GROUP_NOUNS: frozenset[str] = frozenset(
    """
    protesters protestors demonstrators experts critics republicans democrats officials
    police authorities analysts observers activists residents voters supporters opponents
    lawmakers legislators witnesses students workers people leaders scientists economists
    researchers doctors officers investigators prosecutors diplomats journalists reporters
    members organizers organisers locals villagers citizens pollsters strategists
    conservatives liberals progressives advocates campaigners environmentalists
    opposition government administration campaign committee
    """.split()
)

# Nouns for utterances that are not claims when they are the cue's object or subject.
SLOGAN_NOUNS: frozenset[str] = frozenset("slogan slogans chant chants banner banners placard placards sign signs motto".split())

# Verbs of chanting and shouting slogans: what they report is not a claim.
CHANT_VERBS: frozenset[str] = frozenset("chant sing shout yell scream cheer boo".split())

# Nouns for documents and statements whose author is the source ("its preliminary
# report", "a statement"): "ODIHR's report said ..." is ODIHR's claim.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """
    report statement letter release memo study survey poll analysis filing lawsuit
    complaint indictment ruling order tweet post video ad advertisement interview
    article editorial op-ed column book speech remarks testimony document documents
    """.split()
)

# Quotation marks: opening and closing characters, and characters that can be either.
OPEN_QUOTES: frozenset[str] = frozenset("“‘«‹„‚")
CLOSE_QUOTES: frozenset[str] = frozenset("”’»›")
AMBIGUOUS_QUOTES: frozenset[str] = frozenset("\"'")
# Which closers pair with which openers (a lax pairing: mixed styles are common).
QUOTE_FAMILIES: dict[str, str] = {
    "“": "double", "”": "double", "„": "double", '"': "double",
    "‘": "single", "’": "single", "‚": "single", "'": "single",
    "«": "guillemet", "»": "guillemet", "‹": "sguillemet", "›": "sguillemet",
}

# Dashes that introduce or follow a quotation's source ("“...” ― Jane Doe").
DASHES: frozenset[str] = frozenset({"—", "–", "―", "--"})

# Verbs whose object is the hearer, not the content ("told reporters: ...").
TELL_VERBS: frozenset[str] = frozenset("tell ask inform remind assure reassure warn write notify advise".split())

# Verbs that make a claim from an object only with "as" or a predicate ("described X as Y").
AS_VERBS: frozenset[str] = frozenset("describe characterize characterise label brand portray depict frame".split())

# Verbs that are cues only when a quotation follows or precedes them ("Caddell continued:").
QUOTE_ONLY_VERBS: frozenset[str] = frozenset("continue begin start conclude finish answer".split())

# Line labels that look like "NAME:" but are page furniture, not speakers.
FURNITURE_LABELS: frozenset[str] = frozenset(
    """
    correction corrections clarification update updated note editor editors photo photos
    video watch listen read related advertisement source sources credit credits latest
    breaking exclusive opinion analysis transcript tags filed share
    """.split()
)

# Broader role nouns a description may use for an earlier, narrower role ("the musician"
# after "X, a well-known jazz pianist"; "the analyst" after "political scientist X").
ROLE_HYPERNYMS: dict[str, frozenset[str]] = {
    "musician": frozenset("pianist singer guitarist drummer violinist cellist composer rapper musician".split()),
    "analyst": frozenset("analyst scientist expert economist scholar researcher professor strategist".split()),
    "official": frozenset("official spokesman spokeswoman spokesperson minister secretary director".split()),
    "lawmaker": frozenset("senator congressman congresswoman representative lawmaker legislator".split()),
    "expert": frozenset("expert analyst scientist economist scholar researcher professor".split()),
    "artist": frozenset("artist painter sculptor musician pianist singer actor actress writer".split()),
    "athlete": frozenset("athlete player champion swimmer runner gymnast skater cyclist boxer".split()),
    "campaigner": frozenset("campaigner activist critic dissident".split()),
    "diplomat": frozenset("diplomat ambassador envoy".split()),
    "doctor": frozenset("doctor physician surgeon".split()),
}
# Abbreviated titles and the role a later description uses for them ("Sen. Jim Risch" ...
# "the senator").
TITLE_ROLES: dict[str, str] = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "capt": "captain", "adm": "admiral", "prof": "professor", "pres": "president",
}

# Verbs that, governing a reporting verb, say the speech did not happen ("declined to say").
REFUSAL_VERBS: frozenset[str] = frozenset("decline refuse fail".split())

# Conjunctions that carry a negation over to the verb they join ("did not confirm or say").
NEGATION_CARRYING_CC: frozenset[str] = frozenset("or nor".split())

# What a call or a demand asks for when it is an action, not a claim: a collective
# action the source organises ("called for street protests") or a rallying word
# ("demanded justice"). A call for a policy ("called for a moratorium") stays a claim.
RALLYING_NOUNS: frozenset[str] = frozenset(
    """
    protest protests demonstration demonstrations rally rallies strike strikes march marches
    boycott boycotts mobilisation mobilization walkout sit-in vigil vigils uprising
    justice freedom peace solidarity revenge
    """.split()
)
# Verbs whose bare rallying object is an action ("demanded justice", "called for protests").
RALLYING_VERBS: frozenset[str] = frozenset("call demand urge".split())

# Verbs of belief (and "found"): cues only with a clause, never with a quotation alone.
BELIEF_VERBS: frozenset[str] = frozenset("believe think expect hope fear worry find".split())

# Verbs of saying that need a clause (not a bare object) to carry a claim.
CLAUSE_NEEDING_SAY_VERBS: frozenset[str] = frozenset("tell say write add".split())

# Verbs of disclosure that need a direct object to carry a claim.
DISCLOSURE_VERBS: frozenset[str] = frozenset("announce confirm reveal disclose acknowledge admit detail".split())

# Conjunctions opening a concessive clause the author adds after reported speech.
CONCESSIVE_MARKS: frozenset[str] = frozenset("although though".split())

# Nouns naming an organisation as a source when no entity is recognised.
ORGANIZATION_NOUNS: frozenset[str] = frozenset(
    "campaign committee government administration agency company ministry department office".split()
)

# Nouns that describe a body, not a person, by kind: a name they describe is an
# organisation ("Oyan, a new civic movement", "the research group Dossier Centre"), and
# "the Swiss company" is the latest organisation named or described as one of its kind.
ORGANIZATION_KINDS: dict[str, str] = {
    **dict.fromkeys(
        "company firm provider operator manufacturer carrier airline bank corporation conglomerate "
        "startup business retailer insurer lender".split(), "company"),
    **dict.fromkeys(
        "group organisation organization movement watchdog ngo charity coalition alliance association "
        "foundation institute union party".split(), "group"),
    **dict.fromkeys("network broadcaster outlet channel newspaper tv television radio agency magazine".split(), "media"),
    **dict.fromkeys("panel commission committee mission council board tribunal".split(), "body"),
}
ORGANIZATION_DESCRIPTION_NOUNS: frozenset[str] = frozenset(ORGANIZATION_KINDS)

# Indefinite pronouns that name a group ("Some said ...").
INDEFINITE_PRONOUNS: frozenset[str] = frozenset("some many others several most all both few".split())

# Indefinite pronouns and quantifiers: a source of their own, never folded into an entity.
QUANTIFIERS: frozenset[str] = INDEFINITE_PRONOUNS | frozenset(
    "each one none someone anyone everyone somebody everybody nobody".split()
)

# Words that may stand before a name and are not part of it ("President", "Sen.", "the").
NAME_PREFIX_WORDS: frozenset[str] = frozenset(
    """
    president mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. gov gov. governor gen gen. general
    prime minister secretary former sir lord judge mayor speaker chairman chairwoman prof prof. professor
    the a an
    """.split()
)

# Forms of address: a title, but no role ("Mr. Lima" says nothing of what Lima does).
ADDRESS_FORMS: frozenset[str] = frozenset("mr mrs ms miss dr sir dame lord lady".split())

# Pronouns of the speaker or the hearer: never resolved to a third party.
FIRST_SECOND_PERSON: frozenset[str] = frozenset("i me you we us".split())

# Affiliation of a source, from words in its name or role (first match in this order wins).
AFFILIATION_TERMS: dict[str, tuple[str, ...]] = {
    "international": (
        "observer mission", "observers", "osce", "odihr", "united nations", "u.n.", "nato",
        "european union", "diplomat", "diplomatic", "embassy", "ambassador", "foreign ministry",
        "foreign minister", "state department", "collective security treaty", "csto", "imf", "world bank",
        "amnesty international", "human rights watch", "red cross",
    ),
    "media": (
        "broadcaster", "television", "newspaper", "journalist", "reporter", "editor", "columnist",
        "news agency", "associated press", "reuters", "afp", "bbc", "cnn", "fox news", "msnbc", "times",
        "post", "radio", "magazine", "anchor", "host", "correspondent", "politifact", "press",
    ),
    "protester": ("protester", "protestor", "demonstrator", "marcher", "rioter"),
    "civil_society": (
        "activist", "human rights", "foundation", "ngo", "non-governmental", "civic", "movement",
        "campaigner", "advocacy", "union", "charity", "rights group", "association",
    ),
    "expert": (
        "analyst", "political scientist", "scientist", "professor", "academic", "expert", "economist",
        "researcher", "scholar", "historian", "pollster", "think tank", "institute", "university", "lawyer",
        "attorney",
    ),
    "opposition": ("opposition", "dissident", "exiled", "in exile"),
    "government": (
        "president", "prime minister", "minister", "ministry", "government", "official", "authorities",
        "police", "spokesman", "spokeswoman", "spokesperson", "prosecutor", "prosecutor-general",
        "attorney general", "security forces", "army", "military", "kremlin", "white house", "governor",
        "gov.", "senator", "sen.", "congressman", "congresswoman", "rep.", "mayor", "state media",
        "interior ministry", "parliament", "lawmaker", "akim", "court", "judge", "department",
        "secretary", "administration", "agency", "fbi", "cia", "pentagon",
    ),
}

# --------------------------------------------------------------------------- parser labels
# Dependency, part-of-speech, tag and entity label sets the extractor reads (spaCy's
# English labels), named once.

# Subjects of a clause, and the subjects a cue verb takes as its speaker.
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
SUBJECT_DEPS_ACTIVE: frozenset[str] = frozenset({"nsubj", "csubj"})
# What shows a complement clause has its own start: a subject (nominal, clausal, expletive) or a "that".
OWN_START_DEPS: frozenset[str] = SUBJECT_DEPS | frozenset({"csubj", "csubjpass", "expl", "mark"})
# How the parser labels the "that" opening a clause: a marker, or a determiner where it misreads it ("and that force was used").
THAT_OPENER_DEPS: frozenset[str] = frozenset({"mark", "det"})
# A participle or infinitive cue hangs on a verb by these ("left, saying", "went on to say").
GOVERNED_VERB_DEPS: frozenset[str] = frozenset({"advcl", "xcomp", "pcomp"})
# Conjunctions that join a second clause of its own ("... and the leaders accused ...").
CLAUSE_JOINING_CC: frozenset[str] = frozenset({"and", "but"})
# Participles that carry on the words of whoever is speaking (", adding that ...").
SPEECH_GOING_ON_VERBS: frozenset[str] = frozenset(
    "add stress note emphasize emphasise underscore reiterate insist".split()
)
# How a verb inside reported speech hangs, up to the cue reporting it ("said he hoped the US would listen").
REPORTED_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp", "acomp", "advcl", "conj", "relcl"})
# Clauses the parser sometimes hangs before the cue instead of beside it.
MISATTACHED_CLAUSE_DEPS: frozenset[str] = frozenset({"ccomp", "conj", "advcl"})
# Modifier relations a name before the cue is sometimes given by mistake.
MODIFIER_DEPS: frozenset[str] = frozenset({"advcl", "npadvmod", "dep", "nmod"})
# Relations of an author's comment after a comma at the end of reported speech.
TRAILING_COMMENT_DEPS: frozenset[str] = frozenset({"appos", "npadvmod", "prep"})
# Prepositions that list what a claim covers ("..., including schools and housing"): part of it.
ELABORATING_PREPOSITIONS: frozenset[str] = frozenset({"including", "like", "especially", "particularly"})
# Clauses after a cue that are not its object ("urged calm and left").
FOLLOWING_CLAUSE_DEPS: frozenset[str] = frozenset({"advcl", "conj", "cc"})
# Words that may follow a trailing cue to the sentence end ("..., he said on Friday.").
CUE_TAIL_DEPS: frozenset[str] = frozenset({"npadvmod", "advmod", "prep", "pobj", "det", "amod", "compound"})
# Words allowed between a cue and the quotation after it ("said on Friday: “...”").
CUE_TO_QUOTE_DEPS: frozenset[str] = frozenset({"prt", "advmod", "npadvmod", "prep", "dative", "neg", "aux", "agent"})
# Words allowed between a quotation and the cue after it ("“...,” he then said").
QUOTE_TO_CUE_DEPS: frozenset[str] = frozenset({"advmod", "aux", "neg", "npadvmod"})
# What may follow an object-claim verb as its claim ("blamed X on Y", "called X Y").
OBJECT_CLAIM_DEPS: frozenset[str] = frozenset(
    {"dobj", "oprd", "xcomp", "prep", "attr", "dative", "acomp", "ccomp", "pobj", "obj"}
)
# Relations that make a quotation a name or title, not speech ("on “Face the Nation”").
NAME_LIKE_DEPS: frozenset[str] = frozenset({"pobj", "poss", "compound", "nmod", "appos"})
# The relations of a name to "named" ("a protester named Marat").
NAMED_DEPS: frozenset[str] = frozenset({"oprd", "attr", "xcomp", "dobj"})
# The relations of a name inside a description ("a protester, whose first name was X").
DESCRIBED_NAME_DEPS: frozenset[str] = frozenset({"attr", "oprd", "appos", "dobj", "xcomp", "nsubj"})

VERBAL_POS: frozenset[str] = frozenset({"VERB", "AUX"})
# Parts of speech of content words (a sentence's lemmas, for matching evidence).
CONTENT_POS: frozenset[str] = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
NOMINAL_POS: frozenset[str] = frozenset({"NOUN", "PROPN"})
SPEAKER_POS: frozenset[str] = frozenset({"PROPN", "NOUN", "PRON"})
# Tags of non-finite verbs, of finite verbs and modals, of proper nouns, of plural nouns.
NONFINITE_TAGS: frozenset[str] = frozenset({"VBG", "VB", "VBN"})
FINITE_TAGS: frozenset[str] = frozenset({"VBD", "VBZ", "VBP", "MD"})
PROPER_NOUN_TAGS: frozenset[str] = frozenset({"NNP", "NNPS"})
PLURAL_NOUN_TAGS: frozenset[str] = frozenset({"NNS", "NNPS"})
# Tags spaCy gives quotation marks.
QUOTE_TAGS: frozenset[str] = frozenset({"``", "''"})

# Entity labels of names that can speak, and of organisations; of numbers and times.
NAME_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE"})
ORGANIZATION_LABELS: frozenset[str] = frozenset({"ORG", "NORP", "GPE", "FAC", "WORK_OF_ART"})
TIME_LABELS: frozenset[str] = frozenset({"DATE", "TIME", "CARDINAL"})

# Modals that make a cue hypothetical ("could say"); marks of an indirect question.
HYPOTHETICAL_MODALS: frozenset[str] = frozenset({"would", "could", "might"})
QUESTION_MARKS: frozenset[str] = frozenset({"if", "whether"})
# Relative pronouns heading a source ("X, who said"); demonstratives of a definite description.
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
# Relative words that refer to people ("who said", "whom she hired").
PERSONAL_RELATIVES: frozenset[str] = frozenset({"who", "whom"})
DEFINITE_DETERMINERS: frozenset[str] = frozenset({"the", "this", "that"})
INDEFINITE_DETERMINERS: frozenset[str] = frozenset({"a", "an", "another"})
# The possessive clitic.
POSSESSIVE_MARKS: frozenset[str] = frozenset({"'s", "’s"})
# Modifiers of a noun that do not head a phrase of their own.
NOUN_MODIFIER_DEPS: frozenset[str] = frozenset({"compound", "poss", "amod"})
# A comment an apposition adds after a comma ("X, president of Y, which runs Z").
SOURCE_COMMENT_DEPS: frozenset[str] = frozenset({"relcl", "appos", "acl"})
# What may extend a name cut short ("X, 26", "Smith of Ohio").
NAME_EXTENSION_DEPS: frozenset[str] = frozenset({"appos", "compound", "flat", "nummod", "prep"})
RELATIVE_CLAUSE_DEPS: frozenset[str] = frozenset({"relcl", "acl"})
# "that"/"this" between a cue and its quotation ("said this: “...”").
DEMONSTRATIVE_LEADS: frozenset[str] = frozenset({"that", "this"})
DEMONSTRATIVE_LEAD_DEPS: frozenset[str] = frozenset({"mark", "dobj", "nsubj"})
# The hearer of a verb of telling ("told reporters").
HEARER_DEPS: frozenset[str] = frozenset({"dobj", "nsubj"})
# Relations of what may stand before a quotation that ends right before the cue.
AUX_ADVERB_DEPS: frozenset[str] = frozenset({"aux", "advmod"})
# What may stand between an object-claim verb and its object.
OBJECT_LEAD_DEPS: frozenset[str] = frozenset({"punct", "prt", "advmod", "npadvmod"})
# "called for", "called on"; "called X a Y", "called it fiction".
CALL_PREPOSITIONS: frozenset[str] = frozenset({"for", "on"})
CALL_COMPLEMENT_DEPS: frozenset[str] = frozenset({"oprd", "xcomp", "ccomp", "attr"})
CLAUSAL_COMPLEMENT_DEPS: frozenset[str] = frozenset({"ccomp", "xcomp"})
# A verb's subject or object.
ARGUMENT_DEPS: frozenset[str] = frozenset({"dobj", "nsubj", "nsubjpass"})
# Parts of speech that break a speaker label ("PENCE:"), unless written in capitals.
LABEL_BREAKING_POS: frozenset[str] = frozenset({"VERB", "AUX", "ADP"})
# Determiners of an anonymous source ("a source", "some officials"), and plural heads
# anonymous even without one ("sources said").
ANONYMOUS_DETERMINERS: frozenset[str] = frozenset({"a", "an", "another", "one", "some"})
ANONYMOUS_PLURAL_HEADS: frozenset[str] = frozenset({"source", "insider", "official", "aide", "diplomat"})

# Gender of third-person pronouns, and titles that give a person's gender ("Mr Protasevich").
PRONOUN_GENDER: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
TITLE_GENDER: dict[str, str] = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f",
                                "lord": "m", "lady": "f", "congressman": "m", "congresswoman": "f",
                                "chairman": "m", "chairwoman": "f", "spokesman": "m", "spokeswoman": "f"}
# Possessives that point to an organisation ("its statement") or a person ("her post").
ORGANIZATION_POSSESSIVES: frozenset[str] = frozenset({"its", "their"})
# Prepositions naming a document's author ("the findings by the OPCW", "a statement from the ministry").
AUTHOR_PREPOSITIONS: frozenset[str] = frozenset({"by", "from", "of"})
# Nouns for what an investigation or a document states, besides DOCUMENT_NOUNS.
FINDING_NOUNS: frozenset[str] = frozenset("finding findings conclusion conclusions assessment verdict".split())
# Documents a body issues, whose author "the" refers back to ("the report", "the study").
INSTITUTIONAL_DOCUMENTS: frozenset[str] = frozenset("report study survey analysis".split())
# Entity labels of what opens a dateline ("THE HAGUE:", "Oct. 3 --").
DATELINE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC", "DATE"})

# Verbs that take a claim as an infinitive ("claimed to have had a video chat",
# "claimed not to know his whereabouts", "professes to be neutral").
INFINITIVE_CLAIM_VERBS: frozenset[str] = frozenset("claim profess purport".split())
# Nouns that carry a claim in a that-clause ("the allegation that ...", "his claim that ...").
CLAIM_NOUNS: frozenset[str] = frozenset(
    "claim claims allegation allegations assertion assertions accusation accusations contention insistence".split()
)
# Possessive pronouns of a source ("his claim that"), with the pronoun they resolve as.
POSSESSIVE_PRONOUNS: dict[str, str] = {"his": "he", "her": "she", "their": "they", "its": "it"}
# Words that make "hold" a claim ("holds police responsible for her death").
RESPONSIBILITY_WORDS: frozenset[str] = frozenset("responsible accountable liable culpable".split())
# Relations of a that-clause to the noun it completes ("the claim that ...").
NOUN_CLAUSE_DEPS: frozenset[str] = frozenset({"acl", "ccomp", "appos", "relcl"})
# Verbs that reject or question what their object claims ("rejected the claim that ...").
REJECTING_VERBS: frozenset[str] = frozenset(
    "reject deny dispute question dismiss doubt counter refute challenge contest disagree deride mock".split()
)
# Entity labels of places and nationalities.
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "NORP", "LOC"})
# Objects naming a hearer ("told Stumpf he ...").
HEARER_OBJECT_DEPS: frozenset[str] = frozenset({"dobj", "dative", "iobj"})
# Auxiliaries of a verb (a participle with one is not a bare participle).
AUX_DEPS: frozenset[str] = frozenset({"aux", "auxpass"})
# Tags of a relative pronoun, and the marks that may stand between it and its antecedent.
RELATIVE_TAGS: frozenset[str] = frozenset({"WP", "WDT"})
RELATIVE_LEAD_PUNCT: frozenset[str] = frozenset({",", "--", "—", "–", "("})
# Prepositions naming the occasion of a statement ("said at a briefing", "in an interview").
SETTING_PREPOSITIONS: frozenset[str] = frozenset("at in during on".split())
# Relations by which a name, anywhere in a source's words, names the source ("X's partner, Ana Ruiz").
NAMING_DEPS: frozenset[str] = frozenset({"appos", "compound", "conj"})
# Common nouns for people that are no role ("a man saying ...").
PERSON_NOUNS: frozenset[str] = frozenset(
    "man woman person people boy girl child children family relative group crowd couple parent".split())
# How a thing a participle hangs on depends on the verb of whoever issued it ("issued a
# statement calling ...", "in a post saying ...").
ISSUED_THING_DEPS: frozenset[str] = frozenset({"dobj", "pobj", "attr"})
# Verbs that put a question; wh-words opening an indirect question ("asked what happened").
QUESTION_VERBS: frozenset[str] = frozenset("ask inquire enquire wonder".split())
WH_TAGS: frozenset[str] = frozenset({"WP", "WRB", "WDT", "WP$"})
# Prepositions under which a cue did not happen ("without blaming"), and the words of
# "stops short of blaming".
NEGATING_PREPOSITIONS: frozenset[str] = frozenset({"without"})
SHORT_OF_HEADS: frozenset[str] = frozenset({"short"})
