using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.ExportReports;

/// <summary>The back-office list's filters, shared by the list page and its export so that both select the same reports.</summary>
internal sealed record ReportFilter(ReportState? State, bool OnlyOpen, string? Category, ReportChannel? Channel, Guid? Office, string? Text)
{
    /// <summary>The reports the body handles that pass the filters.</summary>
    public IQueryable<Report> Apply(IQueryable<Report> reports, Guid enteId)
    {
        var query = reports.Where(r => r.EnteId == enteId);
        if (State is { } s)
        {
            query = query.Where(r => r.State == s);
        }

        if (OnlyOpen)
        {
            query = query.Where(r => r.State != ReportState.Closed && r.State != ReportState.Rejected);
        }

        if (!string.IsNullOrWhiteSpace(Category))
        {
            var category = Category.Trim();
            query = query.Where(r => r.CategoryCode == category);
        }

        if (Channel is { } c)
        {
            query = query.Where(r => r.Channel == c);
        }

        if (Office is { } o)
        {
            query = query.Where(r => r.OfficeId == o);
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            var t = Text.Trim();
            query = query.Where(r => r.Description.Contains(t) || (r.Address != null && r.Address.Contains(t)) || (r.ReporterName != null && r.ReporterName.Contains(t)));
        }

        return query;
    }

    /// <summary>In words, for the export page.</summary>
    public string Describe(IReadOnlyDictionary<Guid, string> offices)
    {
        var parts = new List<string>();
        if (State is { } s)
        {
            parts.Add($"stato {Labels.Of(s)}");
        }

        if (OnlyOpen)
        {
            parts.Add("solo aperte");
        }

        if (!string.IsNullOrWhiteSpace(Category))
        {
            parts.Add($"categoria {Category}");
        }

        if (Channel is { } c)
        {
            parts.Add($"canale {Labels.Of(c)}");
        }

        if (Office is { } o)
        {
            parts.Add($"ufficio {(offices.TryGetValue(o, out var name) ? name : o.ToString())}");
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            parts.Add($"testo «{Text.Trim()}»");
        }

        return parts.Count == 0 ? "tutte le segnalazioni" : string.Join(", ", parts);
    }
}
