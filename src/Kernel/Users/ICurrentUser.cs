namespace PenToscana.Kernel.Users;

/// <summary>Platform roles a body grants to an operator.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "platform-admin";
    public const string BodyAdmin = "body-admin";
    public const string OfficeOperator = "office-operator";
    public const string ResponsibleOfficial = "responsible-official";
    public const string ProtocolOfficer = "protocol-officer";

    public static string Label(string role) => role switch
    {
        PlatformAdmin => "Amministratore della piattaforma",
        BodyAdmin => "Amministratore dell'ente",
        OfficeOperator => "Operatore d'ufficio",
        ResponsibleOfficial => "Responsabile del procedimento",
        ProtocolOfficer => "Addetto al protocollo",
        _ => role,
    };
}

/// <summary>A role held in one body (and optionally only in one office of it).</summary>
public sealed record BodyRole(Guid EnteId, string Role, Guid? OfficeId = null);

/// <summary>The signed-in person, read from claims. Never obtained by calling the Identity module.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>Codice fiscale, the user's key across identity providers.</summary>
    string? TaxCode { get; }

    string? DisplayName { get; }

    string? Email { get; }

    /// <summary>The party the user acts for (company VAT number or delegator's codice fiscale), when not themselves.</summary>
    string? OnBehalfOf { get; }

    IReadOnlyList<BodyRole> Roles { get; }

    bool IsPlatformAdmin { get; }

    /// <summary>Bodies where the user holds any role.</summary>
    IReadOnlyCollection<Guid> OperatorBodies { get; }

    bool HasRole(Guid enteId, string role);
}
