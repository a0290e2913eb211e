using PenToscana.Kernel;
using PenToscana.Modules.Applications;
using PenToscana.Modules.Identity;
using PenToscana.Modules.Invoicing;
using PenToscana.Modules.Protocol;
using PenToscana.Modules.Payments;
using PenToscana.Modules.InfoDesk;
using PenToscana.Web.Hosting;

var (verb, hostArgs) = Cli.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);

builder.AddPlatformHost();
builder.AddKernel();
builder.AddIdentity();
builder.AddInvoicing();
builder.AddApplications();
builder.AddProtocol();
builder.AddPayments();
builder.AddInfoDesk();

var app = builder.Build();

if (verb is not null)
{
    return await Cli.RunAsync(app, verb);
}

if (!await DatabaseStartup.PrepareAsync(app))
{
    return 2;
}

app.UsePlatformHost();
app.MapKernel();
app.MapIdentity();
app.MapInvoicing();
app.MapApplications();
app.MapProtocol();
app.MapPayments();
app.MapInfoDesk();
app.MapPlatformPages();

await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
