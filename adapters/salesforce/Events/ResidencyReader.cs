using Verdict.Diagnostics;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Events;

/// <summary>Reads a record export (Data Loader or report CSV) that the map names as the source of people's residency.</summary>
internal static class ResidencyReader
{
    public static void Read(Stream stream, string display, ResidencyExport export, IEventSink sink)
    {
        using var csv = new CsvReader(stream);
        if (!csv.Next(out var err) || err is not null)
            throw VerdictException.Single(Codes.UnknownLogFormat, $"the record export `{display}` has no header row", new SourceLocation(display, 1, 1));
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.String(i).Trim()).ToList();
        int Col(string name, bool required)
        {
            var i = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0 && required)
                throw VerdictException.Single(Codes.MissingLogColumn, $"the record export has no column `{name}`", new SourceLocation(display, 1, 1),
                    $"the map reads `{name}` from `{export.File}`; export that column or correct the map's residency entry");
            return i;
        }
        var id = Col(export.IdColumn, true);
        var country = Col(export.CountryColumn, true);
        var region = export.RegionColumn is null ? -1 : Col(export.RegionColumn, false);
        while (csv.Next(out err))
        {
            if (err is not null) { sink.Bad(new BadLine(display, csv.Line, err)); continue; }
            if (csv.FieldCount != header.Count) { sink.Bad(new BadLine(display, csv.Line, $"{csv.FieldCount} fields where the header has {header.Count}")); continue; }
            var rid = csv.String(id).Trim();
            if (rid.Length == 0) { sink.Bad(new BadLine(display, csv.Line, "no record id", header[id])); continue; }
            var c = csv.String(country).Trim().ToUpperInvariant();
            string? jurisdiction = null;
            if (c.Length == 2 && char.IsAsciiLetterUpper(c[0]) && char.IsAsciiLetterUpper(c[1]))
            {
                jurisdiction = c;
                if (region >= 0 && export.RegionFor.Contains(c))
                {
                    var r = csv.String(region).Trim().ToUpperInvariant();
                    if (r.Length is >= 1 and <= 3 && r.All(char.IsAsciiLetterOrDigit)) jurisdiction = c + "-" + r;
                }
            }
            else if (c.Length > 0) { sink.Bad(new BadLine(display, csv.Line, $"`{c}` is not an ISO 3166-1 alpha-2 country code", header[country])); continue; }
            sink.Person(export.Object, rid.Length == 18 ? rid[..15] : rid, jurisdiction, display, csv.Line);
        }
    }
}
