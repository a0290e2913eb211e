using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Postgres.Identity
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "identity_delegation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DelegatorTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DelegatorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DelegateTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Services = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_delegation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_oidc_client",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MinimumSpidLevel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_oidc_client", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_applications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ApplicationType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClientSecret = table.Column<string>(type: "text", nullable: true),
                    ClientType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ConsentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    DisplayNames = table.Column<string>(type: "text", nullable: true),
                    JsonWebKeySet = table.Column<string>(type: "text", nullable: true),
                    Permissions = table.Column<string>(type: "text", nullable: true),
                    PostLogoutRedirectUris = table.Column<string>(type: "text", nullable: true),
                    Properties = table.Column<string>(type: "text", nullable: true),
                    RedirectUris = table.Column<string>(type: "text", nullable: true),
                    Requirements = table.Column<string>(type: "text", nullable: true),
                    Settings = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_scopes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ConcurrencyToken = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Descriptions = table.Column<string>(type: "text", nullable: true),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    DisplayNames = table.Column<string>(type: "text", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Properties = table.Column<string>(type: "text", nullable: true),
                    Resources = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_scopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_person",
                columns: table => new
                {
                    TaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GivenName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSignInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_person", x => x.TaxCode);
                });

            migrationBuilder.CreateTable(
                name: "identity_qualification",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ValidUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_qualification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_grant",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonTaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OfficeId = table.Column<Guid>(type: "uuid", nullable: true),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_role_grant", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_saml_assertion_use",
                columns: table => new
                {
                    AssertionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdpEntityId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    NotOnOrAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_saml_assertion_use", x => new { x.IdpEntityId, x.AssertionId });
                });

            migrationBuilder.CreateTable(
                name: "identity_saml_message_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    InResponseTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IssueInstant = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IdpEntityId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AssertionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NameId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NameQualifier = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false),
                    KeepUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_saml_message_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_saml_request",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RelayState = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdpEntityId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Comparison = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IssueInstant = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReturnUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ConsumedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_saml_request", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_session",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TaxCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    UserAgent = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AbsoluteExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_session", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_authorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ApplicationId = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Properties = table.Column<string>(type: "text", nullable: true),
                    Scopes = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_authorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_open_iddict_authorizations_identity_open_iddict_ap~",
                        column: x => x.ApplicationId,
                        principalTable: "identity_open_iddict_applications",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_tokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    ApplicationId = table.Column<string>(type: "text", nullable: true),
                    AuthorizationId = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpirationDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Payload = table.Column<string>(type: "text", nullable: true),
                    Properties = table.Column<string>(type: "text", nullable: true),
                    RedemptionDate = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReferenceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_open_iddict_tokens_identity_open_iddict_applicatio~",
                        column: x => x.ApplicationId,
                        principalTable: "identity_open_iddict_applications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_identity_open_iddict_tokens_identity_open_iddict_authorizat~",
                        column: x => x.AuthorizationId,
                        principalTable: "identity_open_iddict_authorizations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_identity_delegation_DelegateTaxCode",
                table: "identity_delegation",
                column: "DelegateTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_identity_delegation_DelegatorTaxCode",
                table: "identity_delegation",
                column: "DelegatorTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_identity_oidc_client_EnteId",
                table: "identity_oidc_client",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_applications_ClientId",
                table: "identity_open_iddict_applications",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_authorizations_ApplicationId_Status_Su~",
                table: "identity_open_iddict_authorizations",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_scopes_Name",
                table: "identity_open_iddict_scopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_tokens_ApplicationId_Status_Subject_Ty~",
                table: "identity_open_iddict_tokens",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_tokens_AuthorizationId",
                table: "identity_open_iddict_tokens",
                column: "AuthorizationId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_tokens_ReferenceId",
                table: "identity_open_iddict_tokens",
                column: "ReferenceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_outbox_Status_NextAttemptAt",
                table: "identity_outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_qualification_PersonTaxCode_Kind_Subject",
                table: "identity_qualification",
                columns: new[] { "PersonTaxCode", "Kind", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_role_grant_EnteId",
                table: "identity_role_grant",
                column: "EnteId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_role_grant_PersonTaxCode_EnteId_Role_OfficeId",
                table: "identity_role_grant",
                columns: new[] { "PersonTaxCode", "EnteId", "Role", "OfficeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_saml_assertion_use_NotOnOrAfter",
                table: "identity_saml_assertion_use",
                column: "NotOnOrAfter");

            migrationBuilder.CreateIndex(
                name: "IX_identity_saml_message_log_At",
                table: "identity_saml_message_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_identity_saml_message_log_KeepUntil",
                table: "identity_saml_message_log",
                column: "KeepUntil");

            migrationBuilder.CreateIndex(
                name: "IX_identity_saml_message_log_MessageId",
                table: "identity_saml_message_log",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_identity_saml_request_ExpiresAt",
                table: "identity_saml_request",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_identity_saml_request_RelayState",
                table: "identity_saml_request",
                column: "RelayState",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_session_TaxCode",
                table: "identity_session",
                column: "TaxCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "identity_delegation");

            migrationBuilder.DropTable(
                name: "identity_oidc_client");

            migrationBuilder.DropTable(
                name: "identity_open_iddict_scopes");

            migrationBuilder.DropTable(
                name: "identity_open_iddict_tokens");

            migrationBuilder.DropTable(
                name: "identity_outbox");

            migrationBuilder.DropTable(
                name: "identity_person");

            migrationBuilder.DropTable(
                name: "identity_qualification");

            migrationBuilder.DropTable(
                name: "identity_role_grant");

            migrationBuilder.DropTable(
                name: "identity_saml_assertion_use");

            migrationBuilder.DropTable(
                name: "identity_saml_message_log");

            migrationBuilder.DropTable(
                name: "identity_saml_request");

            migrationBuilder.DropTable(
                name: "identity_session");

            migrationBuilder.DropTable(
                name: "identity_open_iddict_authorizations");

            migrationBuilder.DropTable(
                name: "identity_open_iddict_applications");
        }
    }
}
