using System.Net;
using System.Text.RegularExpressions;

namespace PenToscana.IntegrationTests.Infrastructure;

/// <summary>
/// Signs in the way a browser does, through real signed SAML: /accedi → the demo IdP in the SPID chooser → signed AuthnRequest
/// (HTTP-Redirect) → the demo IdP's persona page → its signed Response auto-posted to /spid/acs. HTTP only, following the forms.
/// </summary>
public static partial class SamlSignIn
{
    /// <summary>Runs the whole flow and returns the ACS answer (a redirect to the return URL on success).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string taxCode, string returnUrl = "/area-personale", int level = 0)
    {
        var idpPage = await OpenDemoIdpAsync(client, returnUrl, level);
        var persona = FormContaining(idpPage, "data-persona=\"" + taxCode + "\"");
        persona.Fields["TaxCode"] = taxCode;
        var answer = await client.PostAsync(persona.Action, new FormUrlEncodedContent(persona.Fields));
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return await PostSamlFormAsync(client, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>From the login page to the demo IdP's persona page; returns its HTML.</summary>
    public static async Task<string> OpenDemoIdpAsync(HttpClient client, string returnUrl = "/area-personale", int level = 0)
    {
        var login = await client.GetStringAsync("/accedi?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var start = WebUtility.HtmlDecode(DemoLink().Match(login) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No demo IdP on /accedi"));
        if (level > 0)
        {
            start += "&livello=" + level;
        }

        var toIdp = await client.GetAsync(start);
        toIdp.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var idp = await client.GetAsync(toIdp.Headers.Location);
        var html = await idp.Content.ReadAsStringAsync();
        idp.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>Submits an HTTP-POST binding page (the auto-submitting form) as the browser's script would.</summary>
    public static async Task<HttpResponseMessage> PostSamlFormAsync(HttpClient client, string html)
    {
        var form = FormContaining(html, "name=\"SAMLResponse\"");
        return await client.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields));
    }

    public sealed record HtmlForm(string Action, Dictionary<string, string> Fields);

    public static HtmlForm FormContaining(string html, string marker)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            if (!form.Value.Contains(marker, StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new Dictionary<string, string>();
            foreach (Match input in InputPattern().Matches(form.Value))
            {
                var name = AttributePattern("name").Match(input.Value);
                var value = AttributePattern("value").Match(input.Value);
                if (name.Success && input.Value.Contains("type=\"hidden\"", StringComparison.Ordinal))
                {
                    fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups[1].Value : "");
                }
            }

            return new HtmlForm(WebUtility.HtmlDecode(form.Groups[1].Value), fields);
        }

        throw new InvalidOperationException($"No form with {marker} in the page:\n{html}");
    }

    private static Regex AttributePattern(string name) => new($"\\b{name}=\"([^\"]*)\"");

    [GeneratedRegex("<a[^>]*href=\"([^\"]+)\"[^>]*data-idp=\"demo\"")]
    private static partial Regex DemoLink();

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();
}
