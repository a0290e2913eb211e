using System.ComponentModel.DataAnnotations;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Web.Pages.Admin.Enti;

/// <summary>The editable data of a body, with Italian validation messages.</summary>
public sealed class EnteInput : IValidatableObject
{
    [Required(ErrorMessage = "Indica la denominazione dell'ente.")]
    [StringLength(200, MinimumLength = 3, ErrorMessage = "La denominazione deve avere da 3 a 200 caratteri.")]
    public string Name { get; set; } = "";

    public EnteKind Kind { get; set; } = EnteKind.Comune;

    [Url(ErrorMessage = "Il sito deve essere un indirizzo web completo, ad esempio https://www.comune.esempio.it.")]
    [StringLength(200)]
    public string? Website { get; set; }

    [EmailAddress(ErrorMessage = "L'indirizzo PEC non è valido.")]
    [StringLength(200)]
    public string? Pec { get; set; }

    [Range(1, 31, ErrorMessage = "Il giorno deve essere tra 1 e 31.")]
    public int? PatronDay { get; set; }

    [Range(1, 12, ErrorMessage = "Il mese deve essere tra 1 e 12.")]
    public int? PatronMonth { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PatronDay.HasValue != PatronMonth.HasValue)
        {
            yield return new ValidationResult("Indica sia il giorno sia il mese del santo patrono, oppure nessuno dei due.", [nameof(PatronDay)]);
        }
        else if (PatronDay is { } d && PatronMonth is { } m && d > DateTime.DaysInMonth(2024, m))
        {
            yield return new ValidationResult("Il giorno indicato non esiste in quel mese.", [nameof(PatronDay)]);
        }
    }

    public static EnteInput From(Ente e) => new()
    {
        Name = e.Name,
        Kind = e.Kind,
        Website = e.Website,
        Pec = e.Pec,
        PatronDay = e.PatronDay,
        PatronMonth = e.PatronMonth,
    };

    public void ApplyTo(Ente e)
    {
        e.Name = Name.Trim();
        e.Kind = Kind;
        e.Website = string.IsNullOrWhiteSpace(Website) ? null : Website.Trim();
        e.Pec = string.IsNullOrWhiteSpace(Pec) ? null : Pec.Trim();
        e.PatronDay = PatronDay;
        e.PatronMonth = PatronMonth;
    }
}
