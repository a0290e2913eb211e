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

            migrationBuilder.CreateIndex(
                name: "IX_identity_delegation_DelegateTaxCode",
                table: "identity_delegation",
                column: "DelegateTaxCode");

            migrationBuilder.CreateIndex(
                name: "IX_identity_delegation_DelegatorTaxCode",
                table: "identity_delegation",
                column: "DelegatorTaxCode");

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
        }
    }
}
