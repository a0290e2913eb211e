using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace PenToscana.Kernel.Users;

/// <summary>Claim types the platform issues at sign-in and reads everywhere else.</summary>
public static class PlatformClaims
{
    public const string TaxCode = "cf";
    public const string Name = "name";
    public const string Email = "email";
    public const string OnBehalfOf = "on_behalf_of";

    /// <summary>Display name of the party in <see cref="OnBehalfOf"/>.</summary>
    public const string OnBehalfOfName = "on_behalf_of_name";

    /// <summary>Present ("true") when, at sign-in, the person could act for a company or for someone who delegated them.</summary>
    public const string MayRepresent = "may_represent";
    public const string SpidLevel = "spid_level";

    /// <summary>One per role held: <c>{enteId}|{role}|{officeId or empty}</c>.</summary>
    public const string BodyRole = "body_role";

    public static string Format(BodyRole role) => $"{role.EnteId:D}|{role.Role}|{role.OfficeId?.ToString("D")}";

    public static BodyRole? Parse(string value)
    {
        var parts = value.Split('|');
        if (parts.Length != 3 || !Guid.TryParse(parts[0], out var ente))
        {
            return null;
        }

        return new BodyRole(ente, parts[1], Guid.TryParse(parts[2], out var office) ? office : null);
    }
}

/// <summary><see cref="ICurrentUser"/> over the request's claims principal.</summary>
public sealed class ClaimsCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private IReadOnlyList<BodyRole>? roles;

    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public string? TaxCode => IsAuthenticated ? Principal!.FindFirstValue(PlatformClaims.TaxCode) : null;

    public string? DisplayName => IsAuthenticated ? Principal!.FindFirstValue(PlatformClaims.Name) : null;

    public string? Email => IsAuthenticated ? Principal!.FindFirstValue(PlatformClaims.Email) : null;

    public string? OnBehalfOf => IsAuthenticated ? Principal!.FindFirstValue(PlatformClaims.OnBehalfOf) : null;

    public IReadOnlyList<BodyRole> Roles => roles ??= IsAuthenticated
        ? Principal!.FindAll(PlatformClaims.BodyRole).Select(c => PlatformClaims.Parse(c.Value)).OfType<BodyRole>().ToList()
        : [];

    public bool IsPlatformAdmin => Roles.Any(r => r.Role == PlatformRoles.PlatformAdmin);

    public IReadOnlyCollection<Guid> OperatorBodies => Roles.Where(r => r.Role != PlatformRoles.PlatformAdmin).Select(r => r.EnteId).Distinct().ToList();

    public bool HasRole(Guid enteId, string role) => IsPlatformAdmin || Roles.Any(r => r.EnteId == enteId && r.Role == role);
}
