"use strict";
// Sorting and filtering of the postings table, and the skill drill-down from the charts. The
// page is whole without this script: it only hides rows and reorders them.
(function () {
  const table = document.getElementById("postings");
  if (!table) return;
  const bodies = Array.from(table.tBodies);
  const text = document.getElementById("filter-text");
  const band = document.getElementById("filter-band");
  const company = document.getElementById("filter-company");
  const shown = document.getElementById("shown");
  const skillNote = document.getElementById("skill-filter");
  const skillName = document.getElementById("skill-name");
  let skill = "";

  const companies = Array.from(new Set(bodies.map((b) => b.dataset.company).filter(Boolean)));
  companies.sort((a, b) => a.localeCompare(b));
  for (const name of companies) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    company.appendChild(option);
  }

  function apply() {
    const wanted = text.value.trim().toLowerCase();
    let count = 0;
    for (const body of bodies) {
      const visible =
        (!wanted || body.dataset.search.includes(wanted)) &&
        (!band.value || body.dataset.band === band.value) &&
        (!company.value || body.dataset.company === company.value) &&
        (!skill || (" " + body.dataset.skills + " ").includes(" " + skill + " "));
      body.hidden = !visible;
      if (visible) count += 1;
    }
    shown.textContent = count + " of " + bodies.length + " postings shown";
    skillNote.hidden = !skill;
  }

  function pickSkill(element) {
    skill = element.dataset.skill;
    skillName.textContent = element.dataset.name;
    apply();
    table.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  for (const element of document.querySelectorAll("[data-skill]")) {
    element.addEventListener("click", () => pickSkill(element));
    element.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        pickSkill(element);
      }
    });
  }
  document.getElementById("clear-skill").addEventListener("click", () => {
    skill = "";
    apply();
  });
  for (const control of [text, band, company]) control.addEventListener("input", apply);

  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((header, column) => {
    const button = header.querySelector("button");
    if (!button) return;
    button.addEventListener("click", () => {
      const ascending = header.getAttribute("aria-sort") !== "ascending";
      for (const other of headers) other.removeAttribute("aria-sort");
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (body) => {
        const cell = body.rows[0].cells[column];
        return cell.dataset.v !== undefined ? Number(cell.dataset.v) : cell.textContent.trim().toLowerCase();
      };
      const sorted = bodies.slice().sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const order = typeof x === "number" ? x - y : x.localeCompare(y);
        return ascending ? order : -order;
      });
      for (const body of sorted) table.appendChild(body);
    });
  });

  document.getElementById("filters").hidden = false;
  for (const element of document.querySelectorAll(".needs-script")) element.hidden = false;
  apply();
})();
