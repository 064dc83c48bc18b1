"""Archive metadata (XMP) for the PDFs: unit, campaign and date, next to WeasyPrint's own fields.

WeasyPrint writes dc:title, dc:creator, dc:description, xmp:CreateDate and the PDF/A
identification from the HTML ``<head>``. The archive fields are added as Dublin Core (a schema
every PDF/A reader knows) and as a small ``zj:`` schema; the PDF/UA-1 identification
(``pdfuaid:part``) is added too. PDF/A-2 knows neither schema, so both are declared with a
``pdfaExtension`` description inside the same packet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
ZJ = "https://zongjie.local/ns/report/1.0/"
PDFA_EXT = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
PDFUA_ID = "http://www.aiim.org/pdfua/ns/id/"
PDFUA_PART = "1"
for _prefix, _uri in (
    ("rdf", RDF),
    ("dc", DC),
    ("zj", ZJ),
    ("pdfaExtension", PDFA_EXT),
    ("pdfaSchema", PDFA_SCHEMA),
    ("pdfaProperty", PDFA_PROPERTY),
    ("pdfuaid", PDFUA_ID),
):
    register_namespace(_prefix, _uri)

ZJ_PROPERTIES = {
    "unit": "单位全称",
    "unitId": "单位 id",
    "campaign": "学习教育名称",
    "campaignId": "学习教育 id",
    "reportDate": "报告日期（落款日期）",
    "kind": "文件类型：report（报告）、volume（汇编本）、part（分册）或 index（索引册）",
    "reviewStatus": "审定状态：草稿、待审、退回或已审定",
    "reviewedBy": "审定人",
    "reviewedOn": "审定日期",
    "reviewChain": "审核记录：每一步的日期、步骤、经办人和意见，按时间先后，以“；”分隔",
}


@dataclass(frozen=True)
class ArchiveFields:
    unit: str
    unit_id: str
    campaign: str
    campaign_id: str
    date: str  # ISO date
    kind: str = "report"
    status: str = "已审定"
    reviewed_by: str = ""
    reviewed_on: str = ""  # ISO date
    review_chain: str = ""
    """Every review step (提交, 退回, 审定, 撤回), oldest first, separated by ；."""

    def as_dict(self) -> dict[str, str]:
        return {
            "unit": self.unit,
            "unitId": self.unit_id,
            "campaign": self.campaign,
            "campaignId": self.campaign_id,
            "reportDate": self.date,
            "kind": self.kind,
            "reviewStatus": self.status,
            "reviewedBy": self.reviewed_by,
            "reviewedOn": self.reviewed_on,
            "reviewChain": self.review_chain,
        }


def _description(rdf: Element) -> Element:
    element = SubElement(rdf, f"{{{RDF}}}Description")
    element.set(f"{{{RDF}}}about", "")
    return element


def extend_rdf(rdf_bytes: bytes, fields: ArchiveFields) -> bytes:
    rdf = fromstring(rdf_bytes)
    dc = _description(rdf)
    for name, values in (
        ("date", [fields.date]),
        ("publisher", [fields.unit]),
        ("subject", [fields.campaign, fields.unit]),
    ):
        container = SubElement(
            SubElement(dc, f"{{{DC}}}{name}"), f"{{{RDF}}}{'Seq' if name == 'date' else 'Bag'}"
        )
        for value in values:
            SubElement(container, f"{{{RDF}}}li").text = value
    ident = SubElement(dc, f"{{{DC}}}identifier")
    ident.text = f"{fields.campaign_id}/{fields.unit_id}" if fields.unit_id else fields.campaign_id
    zj = _description(rdf)
    for name, value in fields.as_dict().items():
        SubElement(zj, f"{{{ZJ}}}{name}").text = value
    SubElement(_description(rdf), f"{{{PDFUA_ID}}}part").text = PDFUA_PART
    schemas = SubElement(SubElement(_description(rdf), f"{{{PDFA_EXT}}}schemas"), f"{{{RDF}}}Bag")
    _declare_schema(schemas, "zongjie report archive metadata", ZJ, "zj", ZJ_PROPERTIES)
    _declare_schema(
        schemas,
        "PDF/UA identification schema",
        PDFUA_ID,
        "pdfuaid",
        {"part": "Part of ISO 14289 the file conforms to"},
        value_type="Integer",
        category="internal",
    )
    return bytes(tostring(rdf, encoding="utf-8"))


def _declare_schema(
    schemas: Element,
    title: str,
    uri: str,
    prefix: str,
    properties: dict[str, str],
    value_type: str = "Text",
    category: str = "external",
) -> None:
    schema = SubElement(schemas, f"{{{RDF}}}li")
    schema.set(f"{{{RDF}}}parseType", "Resource")
    SubElement(schema, f"{{{PDFA_SCHEMA}}}schema").text = title
    SubElement(schema, f"{{{PDFA_SCHEMA}}}namespaceURI").text = uri
    SubElement(schema, f"{{{PDFA_SCHEMA}}}prefix").text = prefix
    props = SubElement(SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq")
    for name, description in properties.items():
        prop = SubElement(props, f"{{{RDF}}}li")
        prop.set(f"{{{RDF}}}parseType", "Resource")
        SubElement(prop, f"{{{PDFA_PROPERTY}}}name").text = name
        SubElement(prop, f"{{{PDFA_PROPERTY}}}valueType").text = value_type
        SubElement(prop, f"{{{PDFA_PROPERTY}}}category").text = category
        SubElement(prop, f"{{{PDFA_PROPERTY}}}description").text = description


def install(metadata: object, fields: ArchiveFields) -> None:
    """Make a WeasyPrint ``DocumentMetadata`` write the archive fields into its XMP packet."""
    original: Callable[..., bytes] = metadata.generate_rdf_metadata  # type: ignore[attr-defined]

    def generate(variant: str, version: int, conformance: str) -> bytes:
        return extend_rdf(original(variant, version, conformance), fields)

    metadata.generate_rdf_metadata = generate  # type: ignore[attr-defined]
