"""scribe:export_table: a layer or table to CSV and/or XLSX for partners, with a metadata
sheet, formula-safe cells and, for data from the SCRIBE store, an audit record."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ... import compat
from ...core import exports
from .base import ScribeAlgorithm

DEFAULT_NOTE = ("Shared under the partnership's data sharing agreement: do not pass on "
                "outside it. Public source data: Open Government Licence v3.0.")


def _value(value):
    """Plain Python values from QVariant-ish field values."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    for method in ("toPyDateTime", "toPyDate", "toPyTime"):
        if hasattr(value, method):
            return getattr(value, method)()
    return value


class ExportTableAlgorithm(ScribeAlgorithm):
    NAME = "export_table"
    GROUP_ID = "sharing"
    FIELDS = "FIELDS"
    PURPOSE = "PURPOSE"
    NOTE = "NOTE"
    OUTPUT_CSV = "OUTPUT_CSV"
    OUTPUT_XLSX = "OUTPUT_XLSX"

    def group(self) -> str:
        return self.tr("Sharing")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export a table for partners (CSV, XLSX)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Any layer or algorithm output (its selected features, if 'selected only' is "
            "ticked) as CSV and/or Excel, with the metadata partners need: title, source, "
            "filter, who exported it and when, the purpose, and the licence or data sharing "
            "note (a metadata sheet in XLSX; a .metadata.txt file beside a CSV).</p>"
            "<p>Text starting with = + - @ or a tab, which a spreadsheet would run as a "
            "formula, is made safe: a leading apostrophe in CSV, a text-typed cell in XLSX "
            "(the value is unchanged).</p>"
            "<p>Exports of data from the SCRIBE store are recorded in its audit table with "
            "their purpose, as the signed-in user; if that record cannot be written, nothing "
            "is exported.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Layer or table"), [compat.SOURCE_TABLE]))
        self.addParameter(QgsProcessingParameterField(
            self.FIELDS, self.tr("Fields (default: all)"), parentLayerParameterName=self.INPUT,
            allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.PURPOSE, self.tr("Purpose of this export")))
        self.addParameter(QgsProcessingParameterString(
            self.NOTE, self.tr("Licence / data sharing note"), defaultValue=DEFAULT_NOTE))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_CSV, self.tr("CSV file"), self.tr("CSV (*.csv)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_XLSX, self.tr("Excel file"), self.tr("Excel workbook (*.xlsx)"),
            optional=True))
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Rows exported")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        try:
            purpose = exports.check_purpose(
                self.parameterAsString(parameters, self.PURPOSE, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        csv_path = self.parameterAsFileOutput(parameters, self.OUTPUT_CSV, context)
        xlsx_path = self.parameterAsFileOutput(parameters, self.OUTPUT_XLSX, context)
        if not csv_path and not xlsx_path:
            raise QgsProcessingException(self.tr("Choose a CSV file, an Excel file or both."))
        names = source.fields().names()
        chosen = self.parameterAsFields(parameters, self.FIELDS, context) or names
        indexes = [names.index(n) for n in chosen]
        rows = []
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for feature in source.getFeatures(request):
            if feedback.isCanceled():
                return {}
            attributes = feature.attributes()
            rows.append([_value(attributes[i]) for i in indexes])
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        subset = layer.subsetString() if layer is not None else ""
        metadata = exports.export_metadata(
            title=source.sourceName(), source=layer.publicSource() if layer else "",
            filter_text=subset, purpose=purpose,
            note=self.parameterAsString(parameters, self.NOTE, context))
        metadata["rows"] = str(len(rows))
        files = [p for p in (csv_path, xlsx_path) if p]
        self.audit_store_output(parameters, context, metadata, files)  # no record, no export
        if csv_path:
            exports.write_csv(csv_path, chosen, rows)
            with open(csv_path + ".metadata.txt", "w", encoding="utf-8") as f:
                f.writelines(f"{k}: {v}\n" for k, v in metadata.items())
        if xlsx_path:
            exports.write_xlsx(xlsx_path, chosen, rows, metadata)
        feedback.pushInfo(self.tr("{} rows exported for: {}").format(len(rows), purpose))
        outputs = {"ROWS": len(rows)}
        if csv_path:
            outputs[self.OUTPUT_CSV] = csv_path
        if xlsx_path:
            outputs[self.OUTPUT_XLSX] = xlsx_path
        return outputs
