using System.ComponentModel.DataAnnotations;

namespace PenToscana.Web.Pages.Admin.Enti;

public sealed class OfficeInput
{
    [Required(ErrorMessage = "Indica il codice dell'ufficio.")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Il codice contiene solo lettere, cifre, punto, trattino (al massimo 40 caratteri).")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Indica la denominazione dell'ufficio.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "La denominazione deve avere da 2 a 200 caratteri.")]
    public string Name { get; set; } = "";

    [EmailAddress(ErrorMessage = "L'indirizzo e-mail non è valido.")]
    [StringLength(200)]
    public string? Email { get; set; }
}

public sealed class AooInput
{
    [Required(ErrorMessage = "Indica il codice della AOO.")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "Il codice contiene solo lettere, cifre, punto, trattino (al massimo 40 caratteri).")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Indica la denominazione della AOO.")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "La denominazione deve avere da 2 a 200 caratteri.")]
    public string Name { get; set; } = "";
}
