using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PenToscana.Kernel.Web;

/// <summary>
/// The one-shot messages a page shows after a redirect (<c>Success</c>, <c>Error</c>). The layout shows any left; a page
/// that shows one in its own place takes it, so it is not shown twice (the page body renders before the layout).
/// </summary>
public static class TempDataMessages
{
    public static string? Take(this ITempDataDictionary tempData, string key)
    {
        var value = tempData[key] as string;
        tempData.Remove(key);
        return value;
    }
}
