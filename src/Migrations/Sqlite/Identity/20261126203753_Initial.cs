using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PenToscana.Migrations.Sqlite.Identity
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DelegatorTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DelegatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DelegateTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Services = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_delegation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_oidc_client",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MinimumSpidLevel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_oidc_client", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_applications",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientSecret = table.Column<string>(type: "TEXT", nullable: true),
                    ClientType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConsentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    JsonWebKeySet = table.Column<string>(type: "TEXT", nullable: true),
                    Permissions = table.Column<string>(type: "TEXT", nullable: true),
                    PostLogoutRedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedirectUris = table.Column<string>(type: "TEXT", nullable: true),
                    Requirements = table.Column<string>(type: "TEXT", nullable: true),
                    Settings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_scopes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Descriptions = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    DisplayNames = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Resources = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_scopes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_person",
                columns: table => new
                {
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSignInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_person", x => x.TaxCode);
                });

            migrationBuilder.CreateTable(
                name: "identity_qualification",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_qualification", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_grant",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonTaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OfficeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_role_grant", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_saml_assertion_use",
                columns: table => new
                {
                    AssertionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IdpEntityId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NotOnOrAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_saml_assertion_use", x => new { x.IdpEntityId, x.AssertionId });
                });

            migrationBuilder.CreateTable(
                name: "identity_saml_message_log",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InResponseTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssueInstant = table.Column<long>(type: "INTEGER", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IdpEntityId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AssertionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NameId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NameQualifier = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Xml = table.Column<string>(type: "TEXT", nullable: false),
                    KeepUntil = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_saml_message_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_saml_request",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RelayState = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IdpEntityId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Comparison = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IssueInstant = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReturnUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConsumedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_saml_request", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_session",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AbsoluteExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_session", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_authorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_authorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_open_iddict_authorizations_identity_open_iddict_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "identity_open_iddict_applications",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "identity_open_iddict_tokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorizationId = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyToken = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpirationDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    Properties = table.Column<string>(type: "TEXT", nullable: true),
                    RedemptionDate = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReferenceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identity_open_iddict_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_identity_open_iddict_tokens_identity_open_iddict_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "identity_open_iddict_applications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_identity_open_iddict_tokens_identity_open_iddict_authorizations_AuthorizationId",
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
                name: "IX_identity_open_iddict_authorizations_ApplicationId_Status_Subject_Type",
                table: "identity_open_iddict_authorizations",
                columns: new[] { "ApplicationId", "Status", "Subject", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_scopes_Name",
                table: "identity_open_iddict_scopes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_open_iddict_tokens_ApplicationId_Status_Subject_Type",
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
