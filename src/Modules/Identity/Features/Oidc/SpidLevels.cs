namespace PenToscana.Modules.Identity.Features.Oidc;

/// <summary>SPID authentication levels and their OIDC <c>acr</c> values (Regole tecniche SPID, AuthnContextClassRef).</summary>
internal static class SpidLevels
{
    public static readonly string[] All = ["SpidL1", "SpidL2", "SpidL3"];

    /// <summary>1..3, or 0 when the value is not a SPID level.</summary>
    public static int Rank(string? level) => level switch
    {
        "SpidL1" => 1,
        "SpidL2" => 2,
        "SpidL3" => 3,
        _ => 0,
    };

    public static bool IsValid(string? level) => Rank(level) > 0;

    public static string Acr(string level) => "https://www.spid.gov.it/" + level;

    public static string Label(string level) => level switch
    {
        "SpidL1" => "SPID livello 1",
        "SpidL2" => "SPID livello 2",
        "SpidL3" => "SPID livello 3",
        _ => "livello sconosciuto",
    };
}
