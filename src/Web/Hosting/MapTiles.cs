namespace PenToscana.Web.Hosting;

/// <summary>
/// The background tiles of the platform's maps (reports, their public map, routing areas): the <c>Maps</c> section.
/// <c>TileUrl</c> is a Leaflet template (<c>{z}</c>, <c>{x}</c>, <c>{y}</c>, optional <c>{s}</c>); empty means maps without
/// a background (areas and pins only). The tile server's origin is added to the page's <c>img-src</c> policy.
/// </summary>
internal sealed record MapTiles(string? TileUrl, string? Attribution, string? AttributionUrl)
{
    public const string Section = "Maps";

    public static MapTiles From(IConfiguration configuration)
    {
        var s = configuration.GetSection(Section);
        string? url = string.IsNullOrWhiteSpace(s["TileUrl"]) ? null : s["TileUrl"]!.Trim();
        if (url is not null && !IsUsable(url))
        {
            throw new InvalidOperationException(
                $"Impostazione 'Maps:TileUrl' non valida: «{url}». Serve un indirizzo https (o http per un server locale) con {{z}}, {{x}} e {{y}}, per esempio https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png; vuoto per mappe senza sfondo.");
        }

        return new MapTiles(url, NullIfBlank(s["Attribution"]), NullIfBlank(s["AttributionUrl"]));
    }

    /// <summary>The CSP source of the tile server: its scheme and host, a <c>{s}</c> subdomain as a wildcard.</summary>
    public string? CspSource
    {
        get
        {
            if (TileUrl is null)
            {
                return null;
            }

            var start = TileUrl.IndexOf("://", StringComparison.Ordinal) + 3;
            var end = TileUrl.IndexOf('/', start);
            var host = end < 0 ? TileUrl[start..] : TileUrl[start..end];
            return TileUrl[..start] + host.Replace("{s}", "*", StringComparison.Ordinal);
        }
    }

    private static bool IsUsable(string url)
    {
        var probe = url.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "1", StringComparison.Ordinal)
            .Replace("{x}", "1", StringComparison.Ordinal).Replace("{y}", "1", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        return url.Contains("{z}", StringComparison.Ordinal) && url.Contains("{x}", StringComparison.Ordinal) && url.Contains("{y}", StringComparison.Ordinal)
            && Uri.TryCreate(probe, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !probe.Contains('\'', StringComparison.Ordinal) && !probe.Contains(';', StringComparison.Ordinal) && !probe.Contains(' ', StringComparison.Ordinal);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
