"""The postmortem document model and its parser."""

from pmcheck.document.model import (  # noqa: F401
    ActionItem, Block, Directive, Document, Heading, MetaField, Metadata, Section,
    TimelineEntry, Why,
)
