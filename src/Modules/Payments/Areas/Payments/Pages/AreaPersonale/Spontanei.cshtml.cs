using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CreatePosition;
using PenToscana.Modules.Payments.Features.PayCart;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.AreaPersonale;

/// <summary>
/// Spontaneous payments (pagamenti spontanei): the position is created on the spot and paid at once — car tax by plate
/// (from the demo vehicle register), fixed-tariff licences, canteen top-ups.
/// </summary>
[Authorize]
internal sealed class SpontaneiModel(PaymentsDb db, BodyDirectory bodies, CreatePositionHandler create, PayCartHandler payCart, ICurrentUser user, TimeProvider time) : PageModel
{
    public IReadOnlyList<(Body Body, Domain.PaymentService Service)> Services { get; private set; } = [];

    [BindProperty]
    public string? Plate { get; set; }

    [BindProperty]
    public string? Ente { get; set; }

    [BindProperty]
    public string? Servizio { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    public async Task OnGetAsync(string? ente, string? servizio, CancellationToken ct)
    {
        Ente = ente;
        Servizio = servizio;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostBolloAsync(CancellationToken ct)
    {
        string plate = (Plate ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var vehicle = await db.Vehicles.AsNoTracking().SingleOrDefaultAsync(v => v.Plate == plate, ct);
        if (vehicle is null || vehicle.OwnerTaxCode != user.TaxCode)
        {
            return await FailAsync(nameof(Plate), "Non risulta un veicolo con questa targa intestato a te nell'archivio regionale.", ct);
        }

        var body = await bodies.ByIpaAsync("r_toscan", ct);
        int year = time.TodayInItaly().Year;
        var result = await create.HandleAsync(body!, new CreatePositionRequest(new DebtorInput(user.TaxCode, user.DisplayName ?? user.TaxCode),
            $"Tassa automobilistica {year} targa {vehicle.Plate} ({vehicle.KiloWatts} kW)", vehicle.AnnualTaxCents, time.TodayInItaly().AddDays(30),
            ServiceCode: "BOLLO", SourceKey: $"bollo:{vehicle.Plate}:{year}"), ct);
        return await PayAsync(body!, result, ct);
    }

    public async Task<IActionResult> OnPostServiceAsync(CancellationToken ct)
    {
        var body = Ente is null ? null : await bodies.ByIpaAsync(Ente, ct);
        var service = body is null ? null : await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.EnteId == body.Id && s.Code == Servizio && s.Spontaneous, ct);
        if (body is null || service is null)
        {
            return await FailAsync(nameof(Servizio), "Scegli un servizio tra quelli disponibili.", ct);
        }

        long cents = service.FixedAmountCents ?? (long)Math.Round((Amount ?? 0) * 100m);
        if (cents < 1)
        {
            return await FailAsync(nameof(Amount), "Indica l'importo da versare.", ct);
        }

        var result = await create.HandleAsync(body, new CreatePositionRequest(new DebtorInput(user.TaxCode, user.DisplayName ?? user.TaxCode),
            service.Name, cents, time.TodayInItaly().AddDays(10), ServiceCode: service.Code), ct);
        return await PayAsync(body, result, ct);
    }

    private async Task<IActionResult> PayAsync(Body body, Kernel.Values.Result<Domain.DebtPosition> created, CancellationToken ct)
    {
        if (created.IsFailure)
        {
            return await FailAsync(string.Empty, created.Error.Message, ct);
        }

        var unpaid = created.Value.Options.SelectMany(o => o.Instalments).Where(i => i.Status == Domain.InstalmentStatus.Unpaid).Take(1).ToList();
        if (unpaid.Count == 0)
        {
            return await FailAsync(string.Empty, "Questo pagamento risulta già effettuato.", ct);
        }

        var url = await payCart.HandleAsync([new CartNotice(body.TaxCode, unpaid[0].NoticeNumber)], $"{Request.Scheme}://{Request.Host}", ct);
        return url.IsSuccess ? Redirect(url.Value) : await FailAsync(string.Empty, url.Error.Message, ct);
    }

    private async Task<IActionResult> FailAsync(string key, string message, CancellationToken ct)
    {
        ModelState.AddModelError(key, message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().Where(s => s.Spontaneous && s.Code != "BOLLO").OrderBy(s => s.Name).ToListAsync(ct);
        var list = new List<(Body, Domain.PaymentService)>();
        foreach (var s in services)
        {
            if (await bodies.ByIdAsync(s.EnteId, ct) is { } b)
            {
                list.Add((b, s));
            }
        }

        Services = list;
    }
}
