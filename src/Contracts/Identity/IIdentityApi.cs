namespace PenToscana.Contracts.Identity;

/// <summary>Questions other modules ask the Identity module about people: verified qualifications and representation.</summary>
public interface IIdentityApi
{
    /// <summary>
    /// Whether the person holds a verified, currently valid qualification of this kind (see <see cref="QualificationKinds"/>);
    /// with a subject, only for that subject (the company's partita IVA, the professional order's name).
    /// </summary>
    Task<bool> HasQualificationAsync(string taxCode, string kind, string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>The person's currently valid qualifications.</summary>
    Task<IReadOnlyList<QualificationInfo>> QualificationsOfAsync(string taxCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the actor may act for the represented party (a company they legally represent, or a person who delegated them
    /// for this service or for all services) now. A service checks this before accepting an action done on behalf of someone.
    /// </summary>
    Task<bool> MayActForAsync(string actorTaxCode, string representedId, string? serviceCode = null, CancellationToken cancellationToken = default);
}

/// <summary>A verified attribute of a person: "legal representative of company X", "registered in professional order Y".</summary>
public sealed record QualificationInfo(string Kind, string Subject, string SubjectName, DateTimeOffset? ValidUntil);

public static class QualificationKinds
{
    /// <summary>Legale rappresentante of a company; the subject is its partita IVA / codice fiscale.</summary>
    public const string LegalRepresentative = "legal-representative";

    /// <summary>Iscritto a un ordine o collegio professionale; the subject names the order.</summary>
    public const string ProfessionalRegister = "professional-register";

    public static string Label(string kind) => kind switch
    {
        LegalRepresentative => "Legale rappresentante",
        ProfessionalRegister => "Iscritto all'ordine professionale",
        _ => kind,
    };
}
