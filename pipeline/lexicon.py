"""Lexicons as data: the words the rules look for, kept in one place."""
from __future__ import annotations

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
