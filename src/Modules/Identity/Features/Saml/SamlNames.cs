namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>The namespaces, formats and URIs of SAML 2.0 and of the SPID profile.</summary>
internal static class SamlNames
{
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string Dsig = "http://www.w3.org/2000/09/xmldsig#";
    public const string Spid = "https://spid.gov.it/saml-extensions";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Xs = "http://www.w3.org/2001/XMLSchema";

    public const string EntityFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
    public const string TransientFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    public const string BearerMethod = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public const string BasicAttributeFormat = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

    public const string Success = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string Requester = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    public const string Responder = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    public const string AuthnFailed = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed";

    public const string HttpPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string HttpRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string RsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    public const string RsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";
    public const string ExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string Enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
}

/// <summary>SPID assurance levels (Regole Tecniche, "Livelli di sicurezza").</summary>
internal enum SpidLevel
{
    L1 = 1,
    L2 = 2,
    L3 = 3,
}

internal static class SpidLevels
{
    public static string Uri(this SpidLevel level) => $"https://www.spid.gov.it/SpidL{(int)level}";

    public static string ClaimValue(this SpidLevel level) => $"SpidL{(int)level}";

    public static SpidLevel? FromUri(string? uri) => uri switch
    {
        "https://www.spid.gov.it/SpidL1" => SpidLevel.L1,
        "https://www.spid.gov.it/SpidL2" => SpidLevel.L2,
        "https://www.spid.gov.it/SpidL3" => SpidLevel.L3,
        _ => null,
    };

    /// <summary>The level an IdP returned is good enough for what was asked with this Comparison (SAML core 3.3.2.2.1).</summary>
    public static bool Satisfies(SpidLevel returned, SpidLevel requested, string comparison) => comparison switch
    {
        "exact" => returned == requested,
        "better" => returned > requested,
        "maximum" => returned <= requested,
        _ => returned >= requested,
    };
}
