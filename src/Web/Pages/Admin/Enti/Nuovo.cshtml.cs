using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity;

namespace PenToscana.Web.Pages.Admin.Enti;

[Authorize(Policy = IdentityModule.PlatformAdminPolicy)]
public sealed class NuovoEnteModel(KernelDb db, AuditLog audit, ICurrentUser user, TimeProvider time) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indica il codice IPA.")]
    [RegularExpression("^[a-zA-Z0-9_]{2,40}$", ErrorMessage = "Il codice IPA contiene solo lettere, cifre e trattino basso (da 2 a 40 caratteri).")]
    public string IpaCode { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Indica il codice fiscale dell'ente.")]
    public string TaxCode { get; set; } = "";

    [BindProperty]
    public EnteInput Ente { get; set; } = new();

    [BindProperty]
    [Required(ErrorMessage = "Indica il codice della AOO.")]
    [StringLength(40, ErrorMessage = "Il codice AOO può avere al massimo 40 caratteri.")]
    public string AooCode { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Indica la denominazione della AOO.")]
    [StringLength(200)]
    public string AooName { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        string ipa = IpaCode.Trim().ToLowerInvariant();
        string cf = TaxCode.Trim();
        if (ModelState.GetFieldValidationState(nameof(TaxCode)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && !PenToscana.Kernel.Values.TaxCode.TryParse(cf, out _))
        {
            ModelState.AddModelError(nameof(TaxCode), "Il codice fiscale non è valido: controlla le cifre.");
        }

        if (ModelState.IsValid && await db.Enti.AnyAsync(e => e.IpaCode == ipa, ct))
        {
            ModelState.AddModelError(nameof(IpaCode), "Esiste già un ente con questo codice IPA.");
        }

        if (ModelState.IsValid && await db.Enti.AnyAsync(e => e.TaxCode == cf, ct))
        {
            ModelState.AddModelError(nameof(TaxCode), "Esiste già un ente con questo codice fiscale.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var now = time.GetUtcNow();
        var ente = new Ente { Id = Guid.CreateVersion7(now), IpaCode = ipa, TaxCode = cf, Name = "", CreatedAt = now };
        Ente.ApplyTo(ente);
        ente.Aoos.Add(new Aoo { Id = Guid.CreateVersion7(now), EnteId = ente.Id, Code = AooCode.Trim(), Name = AooName.Trim() });
        db.Enti.Add(ente);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.ente.created", ente.Id, $"{ente.Name} ({ente.IpaCode})"), ct);
        TempData["Success"] = $"Ente «{ente.Name}» creato.";
        return Redirect($"/admin/enti/{ente.Id}");
    }
}
