"""The values passed between stages and across the store boundary.

RawDocument → Entry → Item → AnalysedItem → (store) → Alert, plus what the three phases of a run
hand each other (FetchJob → Collected → FetchRecord) and what the store returns (KnownItem,
StoryCandidate, rows for the CLI). Every type is a frozen dataclass with aware UTC datetimes and is
picklable, so a phase can run in another process. Library objects (feedparser results, HTML
trees, HTTP responses, database rows) never leave the module that made them; these types cross.

Every value is imported from here; the parts of the package hold them: configuration (sources,
rules, settings), item (a document and the items it holds, from parse to store), match (a rule's
hits and the alert they raise), story (signatures and story placement), fetch_run (a run's phases
and their records), delivery (notifications, the outbox, spike and silence alerts), report (what
the store answers the CLI and the web pages with) and base (what the types share: ISO times,
pickling by fields, web addresses).
"""

from monitor.models.base import (WEB_SCHEMES, database_label, escape_line_breaks, from_iso, is_postgres, is_web_url,
                                 iso, pickled_by_fields)
from monitor.models.configuration import Config, NotifyTarget, Retention, Rule, Settings, Source, setting
from monitor.models.delivery import (Delivery, Hold, OutboxMessage, PlannedMessage, SilenceAlert, SpikeAlert,
                                     SpikeStory, TargetPlan)
from monitor.models.fetch_run import (Collected, CollectedDocument, FetchJob, FetchRecord, FolderFile, Outcome, Refusal,
                                      ResponseInfo, SourceState, Validators)
from monitor.models.item import AnalysedItem, Entry, Item, ItemStatus, Known, KnownItem, Parsed, RawDocument, StoredItem
from monitor.models.match import Alert, Hit, Match
from monitor.models.report import (Attention, PruneReport, RuleActivity, SearchHit, SourceHealth, SourceOverview,
                                   StoredHistoryItem, StoryAlert, StoryInfo, StoryMember, TargetStatus, TopStory)
from monitor.models.story import BANDS, MIN_CONTAINED_SHINGLES, NUM_PERM, ROWS, Placement, Signature, StoryCandidate

__all__ = [
    "Alert", "AnalysedItem", "Attention", "BANDS", "Collected", "CollectedDocument", "Config", "Delivery", "Entry",
    "FetchJob", "FetchRecord", "FolderFile", "Hit", "Hold", "Item", "ItemStatus", "Known", "KnownItem",
    "MIN_CONTAINED_SHINGLES", "Match", "NUM_PERM", "NotifyTarget", "OutboxMessage", "Outcome", "Parsed",
    "Placement", "PlannedMessage", "PruneReport", "ROWS", "RawDocument", "Refusal", "ResponseInfo", "Retention",
    "Rule", "RuleActivity", "SearchHit", "Settings", "Signature", "SilenceAlert", "Source", "SourceHealth",
    "SourceOverview", "SourceState", "SpikeAlert", "SpikeStory", "StoredHistoryItem", "StoredItem", "StoryAlert",
    "StoryCandidate", "StoryInfo", "StoryMember", "TargetPlan", "TargetStatus", "TopStory", "Validators",
    "WEB_SCHEMES", "database_label", "escape_line_breaks", "from_iso", "is_postgres", "is_web_url", "iso",
    "pickled_by_fields", "setting",
]
