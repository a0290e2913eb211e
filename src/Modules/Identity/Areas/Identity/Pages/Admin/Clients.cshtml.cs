using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.Oidc;
using PenToscana.Modules.Identity.Features.RegisterClient;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.Admin;

/// <summary>Registration of the services (OIDC clients) of the bodies the signed-in person administers.</summary>
[Authorize(Policy = IdentityModule.OperatorPolicy)]
internal sealed class ClientsModel(ClientRegistrations registrations, KernelDb kernel, ICurrentUser user) : PageModel
{
    [BindProperty]
    public ClientInput Input { get; set; } = new();

    public IReadOnlyList<Ente> Bodies { get; private set; } = [];

    public IReadOnlyList<OidcClient> Clients { get; private set; } = [];

    public IReadOnlyList<ApiScope> ApiScopes => registrations.ApiScopes;

    public IReadOnlyList<string> PersonScopes => ClientRegistrations.PersonScopes;

    public RegisteredClient? Registered { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string BodyName(Guid enteId) => Bodies.FirstOrDefault(b => b.Id == enteId)?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
        => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Forbid();
        }

        var body = Bodies.FirstOrDefault(b => b.Id == Input.EnteId);
        if (body is null)
        {
            return NotFound();
        }

        var scopes = (Input.Kind == OidcClientKind.Machine ? Input.ApiScopes : [.. Input.PersonScopes.Prepend(OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId)]).ToList();
        var registration = new ClientRegistration(body.Id, body.IpaCode, Input.DisplayName.Trim(), Input.Kind,
            Lines(Input.RedirectUris), Lines(Input.PostLogoutRedirectUris), scopes, Input.MinimumSpidLevel);
        Errors = registrations.Validate(registration);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var result = await registrations.RegisterAsync(registration, user.TaxCode!, ct);
        if (result.IsFailure)
        {
            Errors = [result.Error.Message];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        // The secret appears in this answer only; afterwards OpenIddict keeps just its hash.
        Registered = result.Value;
        Input = new();
        Clients = await registrations.VisibleAsync(ct);
        Clients = Clients.Where(c => Bodies.Any(b => b.Id == c.EnteId)).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string clientId, CancellationToken ct)
        => ChangeAsync(clientId, (c, ct2) => registrations.SetEnabledAsync(c, false, user.TaxCode!, ct2), "Servizio disattivato: i suoi token sono stati revocati.", ct);

    public Task<IActionResult> OnPostEnableAsync(string clientId, CancellationToken ct)
        => ChangeAsync(clientId, (c, ct2) => registrations.SetEnabledAsync(c, true, user.TaxCode!, ct2), "Servizio riattivato.", ct);

    public Task<IActionResult> OnPostDeleteAsync(string clientId, CancellationToken ct)
        => ChangeAsync(clientId, (c, ct2) => registrations.DeleteAsync(c, user.TaxCode!, ct2), "Servizio eliminato.", ct);

    private async Task<IActionResult> ChangeAsync(string clientId, Func<OidcClient, CancellationToken, Task> change, string message, CancellationToken ct)
    {
        // Another body's client does not exist for this administrator.
        var client = await registrations.FindVisibleAsync(clientId, ct);
        if (client is null || !user.HasRole(client.EnteId, PlatformRoles.BodyAdmin))
        {
            return NotFound();
        }

        await change(client, ct);
        TempData["Success"] = message;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var all = await kernel.Enti.AsNoTracking().OrderBy(e => e.Name).ToListAsync(ct);
        Bodies = all.Where(e => user.HasRole(e.Id, PlatformRoles.BodyAdmin)).ToList();
        if (Bodies.Count == 0)
        {
            return false;
        }

        Clients = (await registrations.VisibleAsync(ct)).Where(c => Bodies.Any(b => b.Id == c.EnteId)).ToList();
        return true;
    }

    private static List<string> Lines(string? text)
        => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}

internal sealed class ClientInput
{
    public Guid EnteId { get; set; }

    public string DisplayName { get; set; } = "";

    public OidcClientKind Kind { get; set; } = OidcClientKind.WebApplication;

    public string? RedirectUris { get; set; }

    public string? PostLogoutRedirectUris { get; set; }

    public List<string> PersonScopes { get; set; } = [];

    public List<string> ApiScopes { get; set; } = [];

    public string MinimumSpidLevel { get; set; } = "SpidL2";
}
