using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace PenToscana.Migrations.Postgres.Protocol
{
    /// <inheritdoc />
    public partial class SubjectWordSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SubjectWords",
                table: "protocol_entry",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple'::regconfig, regexp_replace(\"Subject\", '[^[:alnum:]]+', ' ', 'g'))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_protocol_entry_SubjectWords",
                table: "protocol_entry",
                column: "SubjectWords")
                .Annotation("Npgsql:IndexMethod", "gin");

            // The subject's trigram index served the former substring search; the word index replaces it, and every
            // registration no longer pays for maintaining it.
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_protocol_entry_Subject_trgm\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX \"IX_protocol_entry_Subject_trgm\" ON protocol_entry USING gin (\"Subject\" gin_trgm_ops);");

            migrationBuilder.DropIndex(
                name: "IX_protocol_entry_SubjectWords",
                table: "protocol_entry");

            migrationBuilder.DropColumn(
                name: "SubjectWords",
                table: "protocol_entry");
        }
    }
}
