using System.ComponentModel.DataAnnotations;
using PenToscana.Kernel.Data;

namespace PenToscana.Kernel.Tenancy;

public enum EnteKind
{
    [Display(Name = "Regione")]
    Regione,
    [Display(Name = "Comune")]
    Comune,
    [Display(Name = "Azienda sanitaria")]
    Asl,
    [Display(Name = "Provincia")]
    Provincia,
    [Display(Name = "Agenzia")]
    Agenzia,
    [Display(Name = "Università")]
    Universita,
}

/// <summary>A public body served by the platform, identified by its IPA code and codice fiscale.</summary>
public sealed class Ente : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>Code in the Indice dei domicili digitali della PA, e.g. <c>r_toscan</c>, <c>c_d612</c>.</summary>
    public required string IpaCode { get; set; }

    public required string TaxCode { get; set; }

    public required string Name { get; set; }

    public EnteKind Kind { get; set; }

    /// <summary>SHA-256 of the logo in the blob store, when one was uploaded.</summary>
    public string? LogoSha256 { get; set; }

    public string? LogoContentType { get; set; }

    /// <summary>Patron saint's day (month, day): a holiday for this body's working-day calendar.</summary>
    public int? PatronMonth { get; set; }

    public int? PatronDay { get; set; }

    public string? Website { get; set; }

    public string? Pec { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }

    public List<Aoo> Aoos { get; set; } = [];

    public List<Office> Offices { get; set; } = [];

    public static string KindLabel(EnteKind kind) => kind switch
    {
        EnteKind.Regione => "Regione",
        EnteKind.Comune => "Comune",
        EnteKind.Asl => "Azienda sanitaria",
        EnteKind.Provincia => "Provincia",
        EnteKind.Agenzia => "Agenzia",
        EnteKind.Universita => "Università",
        _ => kind.ToString(),
    };
}

/// <summary>Area Organizzativa Omogenea: the unit that keeps one protocol register.</summary>
public sealed class Aoo : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public long Version { get; set; }
}

/// <summary>An office (unità organizzativa) inside a body; receives assigned work.</summary>
public sealed class Office : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid? AooId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public long Version { get; set; }
}
