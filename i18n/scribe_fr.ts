<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AnonymisedExtractAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="37"/>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="77"/>
        <source>Anonymised extract</source>
        <translation>Extrait anonymisé</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="43"/>
        <source>&lt;p&gt;A copy of the incidents that a partner or the public can have: no real location, no exact date, no restricted detail.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Places&lt;/b&gt;: each incident moves to the nearest anonymous map point: the snap points given (e.g. street mid-points, with a label field such as the street name), or else the centre of its grid cell. A point serving fewer than the minimum number of incidents is withdrawn and its incidents move to the nearest remaining point, until every point used serves at least that many. A snap point that falls exactly on a real incident location is moved 1 map unit, so no published point is a real location.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Dates&lt;/b&gt; become months (YYYY-MM).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Fields&lt;/b&gt;: only month, category and location label are written; every other field (free text, addresses, ids, outcomes) is dropped.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Small numbers&lt;/b&gt;: where fewer than the minimum share a point, month and category, the category is coarsened to its parent (Burglary to Crime), up to crime / ASB / fire; labels outside SCRIBE's taxonomy become “other”.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p&gt;Une copie des incidents qu'un partenaire ou le public peut recevoir : aucun lieu réel, aucune date exacte, aucun détail restreint.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Lieux&lt;/b&gt; : chaque incident est déplacé vers le point anonyme le plus proche : les points d'accroche fournis (par exemple les milieux de rue, avec un champ d'étiquette comme le nom de la rue), ou à défaut le centre de sa cellule de grille. Un point qui sert moins d'incidents que le minimum est retiré et ses incidents vont au point restant le plus proche, jusqu'à ce que chaque point utilisé en serve au moins autant. Un point d'accroche qui tombe exactement sur le lieu réel d'un incident est déplacé d'une unité de carte : aucun point publié n'est un lieu réel.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Dates&lt;/b&gt; : elles deviennent des mois (AAAA-MM).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Champs&lt;/b&gt; : seuls le mois, la catégorie et l'étiquette du lieu sont écrits ; tous les autres champs (texte libre, adresses, identifiants, suites données) sont supprimés.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Petits effectifs&lt;/b&gt; : là où moins que le minimum partagent un point, un mois et une catégorie, la catégorie est remplacée par sa catégorie parente (Cambriolage devient Délit), jusqu'à délit / incivilité / incendie ; les libellés hors de la taxonomie de SCRIBE deviennent « autre ».&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="62"/>
        <source>Snap points (optional; else grid cell centres)</source>
        <translation>Points d'accroche (facultatifs ; sinon centres des cellules d'une grille)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="65"/>
        <source>Snap point label field (e.g. street name)</source>
        <translation>Champ de libellé des points d'accroche (par ex. nom de rue)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="68"/>
        <source>Grid cell size when no snap points are given</source>
        <translation>Taille de cellule de la grille sans points d'accroche</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="71"/>
        <source>Minimum incidents per published point</source>
        <translation>Nombre minimal d'incidents par point publié</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="74"/>
        <source>Minimum incidents per point, month and category</source>
        <translation>Nombre minimal d'incidents par point, mois et catégorie</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="99"/>
        <source>The snap point layer has no points.</source>
        <translation>La couche de points d'accroche n'a aucun point.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/anonymised_extract.py" line="132"/>
        <source>{} incidents at {} anonymous points ({} snap points moved off real locations); {} categories coarsened.</source>
        <translation>{} incidents en {} points anonymes ({} points d'accroche écartés de lieux réels) ; {} catégories généralisées.</translation>
    </message>
</context>
<context>
    <name>AssessResponseAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="48"/>
        <source>Assessment</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="51"/>
        <source>Assess a response (WDQ, before/after)</source>
        <translation>Évaluer une action (WDQ, avant/après)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="54"/>
        <source>&lt;p&gt;SARA&apos;s Assessment: did crime fall where the response was made, was it pushed next door, and would it have fallen anyway? Incidents are counted before and after in the &lt;b&gt;response area&lt;/b&gt;, a &lt;b&gt;buffer&lt;/b&gt; around it (given, or a ring of the buffer distance; the response area is never part of it) and a &lt;b&gt;control area&lt;/b&gt; with similar crime and no response (it should not overlap the other two).&lt;/p&gt;&lt;p&gt;Per area: counts, % change and the exact Poisson test of the change, per day of each period. Then the &lt;b&gt;Weighted Displacement Quotient&lt;/b&gt; (Bowers &amp;amp; Johnson 2003): SM = A1/C1 - A0/C0, BDM = B1/C1 - B0/C0, WDQ = BDM / SM, read only when SM &amp;lt; 0 (WDQ &amp;gt; 1 diffusion of benefits larger than the effect; 0 to 1 diffusion; -1 to 0 displacement smaller than the benefit; below -1 displacement larger than it), the total net effect in incidents, and the relative effect size (A0 C1) / (A1 C0) with its 95% interval and p-value.&lt;/p&gt;&lt;p&gt;Period ends are excluded; the periods need not be the same length (the Poisson tests allow for it; the WDQ compares areas within each period).&lt;/p&gt;</source>
        <translation>&lt;p&gt;L'évaluation (Assessment) de SARA : les délits ont-ils baissé là où l'action a été menée, ont-ils été repoussés à côté, et auraient-ils baissé de toute façon ? Les incidents sont comptés avant et après dans la &lt;b&gt;zone d'action&lt;/b&gt;, dans une &lt;b&gt;zone tampon&lt;/b&gt; autour d'elle (fournie, ou un anneau de la distance tampon ; la zone d'action n'en fait jamais partie) et dans une &lt;b&gt;zone témoin&lt;/b&gt; aux délits comparables et sans action (elle ne doit pas chevaucher les deux autres).&lt;/p&gt;&lt;p&gt;Par zone : les effectifs, la variation en % et le test de Poisson exact de la variation, rapportés à la durée en jours de chaque période. Puis le &lt;b&gt;quotient de déplacement pondéré&lt;/b&gt; (WDQ, Bowers &amp;amp; Johnson 2003) : SM = A1/C1 - A0/C0, BDM = B1/C1 - B0/C0, WDQ = BDM / SM, à lire seulement quand SM &amp;lt; 0 (WDQ &amp;gt; 1 : diffusion des bénéfices plus grande que l'effet ; de 0 à 1 : diffusion ; de -1 à 0 : déplacement plus petit que le bénéfice ; sous -1 : déplacement plus grand que lui), l'effet net total en incidents, et la taille d'effet relative (A0 C1) / (A1 C0) avec son intervalle à 95 % et sa valeur p.&lt;/p&gt;&lt;p&gt;Les bornes de fin des périodes sont exclues ; les périodes peuvent être de longueurs différentes (les tests de Poisson en tiennent compte ; le WDQ compare les zones au sein de chaque période).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="73"/>
        <source>Response area</source>
        <translation>Zone d'action</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="75"/>
        <source>Buffer area (optional: else a ring around the response area)</source>
        <translation>Zone tampon (facultative : sinon un anneau autour de la zone d'action)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="78"/>
        <source>Ring width when no buffer area is given</source>
        <translation>Largeur de l'anneau quand aucune zone tampon n'est donnée</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="81"/>
        <source>Control area</source>
        <translation>Zone témoin</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="83"/>
        <source>Before: from</source>
        <translation>Avant : du</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="83"/>
        <source>Before: until (excluded)</source>
        <translation>Avant : jusqu'au (exclu)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="83"/>
        <source>After: from</source>
        <translation>Après : du</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="83"/>
        <source>After: until (excluded)</source>
        <translation>Après : jusqu'au (exclu)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="88"/>
        <source>Before/after table</source>
        <translation>Table avant/après</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="90"/>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="90"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="98"/>
        <source>Interpretation</source>
        <translation>Interprétation</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="107"/>
        <source>The {} area is empty.</source>
        <translation>La zone {} est vide.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="113"/>
        <source>Give every period date.</source>
        <translation>Donnez toutes les dates des périodes.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="126"/>
        <source>A ring buffer needs a CRS in metres: reproject, or give a buffer area.</source>
        <translation>Un anneau tampon exige un SCR en mètres : reprojetez, ou donnez une zone tampon.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="133"/>
        <source>The control area overlaps the response area or its buffer: the comparison is weakened; choose a separate control area.</source>
        <translation>La zone témoin chevauche la zone d'action ou sa zone tampon : la comparaison est affaiblie ; choisissez une zone témoin séparée.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="142"/>
        <source>The periods must be in order: before from &lt; before until &lt;= after from &lt; after until.</source>
        <translation>Les périodes doivent être dans l'ordre : début avant &lt; fin avant &lt;= début après &lt; fin après.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="169"/>
        <source>WDQ {:.3f} (SM {:.4f}, BDM {:.4f}): {}. Total net effect {:.1f} incidents; relative effect size {:.2f} (95% {:.2f} to {:.2f}, p = {:.3f}).</source>
        <translation>WDQ {:.3f} (SM {:.4f}, BDM {:.4f}) : {}. Effet net total {:.1f} incidents ; taille d'effet relative {:.2f} (95 % {:.2f} à {:.2f}, p = {:.3f}).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/assess_response.py" line="179"/>
        <source>Before and after the response</source>
        <translation>Avant et après l'action</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="209"/>
        <source>SCRIBE: change password</source>
        <translation>SCRIBE : changer de mot de passe</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="214"/>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="215"/>
        <source>New password (12 characters or more)</source>
        <translation>Nouveau mot de passe (12 caractères ou plus)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="216"/>
        <source>New password again</source>
        <translation>Nouveau mot de passe (confirmation)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="228"/>
        <source>The new passwords differ.</source>
        <translation>Les nouveaux mots de passe diffèrent.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="231"/>
        <source>Use at least 12 characters.</source>
        <translation>Utilisez au moins 12 caractères.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="236"/>
        <source>The current password is wrong.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="239"/>
        <source>The new password must differ from the current one.</source>
        <translation>Le nouveau mot de passe doit différer de l’actuel.</translation>
    </message>
</context>
<context>
    <name>CountsByPeriodAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="81"/>
        <source>Counts by period</source>
        <translation>Comptages par période</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="65"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="65"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="65"/>
        <source>Week (Monday to Sunday)</source>
        <translation>Semaine (lundi à dimanche)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="65"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="65"/>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="65"/>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="69"/>
        <source>Areas to count in (optional: wards, LSOAs...)</source>
        <translation>Zones de comptage (facultatif : quartiers, LSOA...)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="72"/>
        <source>Area name or code field</source>
        <translation>Champ du nom ou code de zone</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="78"/>
        <source>Moving average over (periods)</source>
        <translation>Moyenne mobile sur (périodes)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="83"/>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="83"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="101"/>
        <source>{} incidents fall outside every area and are not counted.</source>
        <translation>{} incidents sont hors de toute zone et ne sont pas comptés.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="105"/>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="176"/>
        <source>All incidents</source>
        <translation>Tous les incidents</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="119"/>
        <source>All incidents fall in one {} ({}): there is no change to measure.</source>
        <translation>Tous les incidents tombent dans une seule période ({} : {}) : aucune évolution à mesurer.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="122"/>
        <source>{} periods from {} to {}.</source>
        <translation>{} périodes de {} à {}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="164"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="171"/>
        <source>{} rows written.</source>
        <translation>{} lignes écrites.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="183"/>
        <source>Incidents per {}</source>
        <translation>Incidents par {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="39"/>
        <source>&lt;p&gt;Counts incidents per period (day, week, month, quarter or year) per category and per area, with every period between the first and last incident present (zeros included), as a table and a chart.&lt;/p&gt;&lt;h3&gt;Columns&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;count&lt;/b&gt;, and &lt;b&gt;moving_avg&lt;/b&gt;: the trailing mean over the chosen number of periods (empty until that many periods exist).&lt;/li&gt;&lt;li&gt;&lt;b&gt;prev_count&lt;/b&gt;, &lt;b&gt;change_prev_pct&lt;/b&gt; and &lt;b&gt;p_prev&lt;/b&gt;: the previous period, the percent change (empty when the previous count is 0), and the p-value of the change.&lt;/li&gt;&lt;li&gt;&lt;b&gt;last_year_count&lt;/b&gt;, &lt;b&gt;change_year_pct&lt;/b&gt;, &lt;b&gt;p_year&lt;/b&gt;: the same for the same period a year earlier (52 weeks, 364 days).&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Significance test&lt;/h3&gt;&lt;p&gt;The exact conditional test for two Poisson counts (Przyborowski &amp;amp; Wilenski 1940): given the two counts&apos; total n, the current count is Binomial(n, d1 / (d1 + d0)) when the daily rate has not changed, d1 and d0 being the periods&apos; lengths in days (so February compares fairly with March). The two-sided p-value doubles the smaller tail. p &amp;lt; 0.05 means a change that chance alone would rarely produce; it says nothing about why.&lt;/p&gt;&lt;p&gt;Areas: incidents outside every area are left out (and counted in the log). Instead of areas, a grid cell size counts in square cells (named rNcM, row and column, edges on multiples of the size). Without either, all incidents form one area called &apos;All&apos;. Times are read in the partnership&apos;s time zone (advanced parameter).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Compte les incidents par période (jour, semaine, mois, trimestre ou année), par catégorie et par zone, avec chaque période présente entre le premier et le dernier incident (zéros compris), sous forme de table et de graphique.&lt;/p&gt;&lt;h3&gt;Colonnes&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;count&lt;/b&gt;, et &lt;b&gt;moving_avg&lt;/b&gt; : la moyenne glissante sur le nombre de périodes choisi (vide tant qu'il n'y a pas autant de périodes).&lt;/li&gt;&lt;li&gt;&lt;b&gt;prev_count&lt;/b&gt;, &lt;b&gt;change_prev_pct&lt;/b&gt; et &lt;b&gt;p_prev&lt;/b&gt; : la période précédente, la variation en pourcentage (vide quand l'effectif précédent est 0) et la valeur p de la variation.&lt;/li&gt;&lt;li&gt;&lt;b&gt;last_year_count&lt;/b&gt;, &lt;b&gt;change_year_pct&lt;/b&gt;, &lt;b&gt;p_year&lt;/b&gt; : la même chose pour la même période un an plus tôt (52 semaines, 364 jours).&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Test de significativité&lt;/h3&gt;&lt;p&gt;Le test conditionnel exact de deux effectifs de Poisson (Przyborowski &amp;amp; Wilenski 1940) : sachant le total n des deux effectifs, l'effectif courant suit une loi binomiale(n, d1 / (d1 + d0)) si le taux journalier n'a pas changé, d1 et d0 étant les durées des périodes en jours (février se compare ainsi équitablement à mars). La valeur p bilatérale double la plus petite queue. p &amp;lt; 0,05 signale une variation que le hasard seul produirait rarement ; elle ne dit rien de sa cause.&lt;/p&gt;&lt;p&gt;Zones : les incidents hors de toute zone sont laissés de côté (et comptés dans le journal). À la place des zones, une taille de cellule compte dans des cellules carrées (nommées rNcM, ligne et colonne, bords sur des multiples de la taille). Sans l'un ni l'autre, tous les incidents forment une seule zone appelée 'All'. Les heures sont lues dans le fuseau horaire du partenariat (paramètre avancé).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/counts_by_period.py" line="75"/>
        <source>Or count in grid cells of this size (0 = no grid)</source>
        <translation>Ou compter dans des cellules de grille de cette taille (0 = pas de grille)</translation>
    </message>
</context>
<context>
    <name>DualKdeAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="52"/>
        <source>Hotspots</source>
        <translation>Points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="55"/>
        <source>Dual KDE (ratio or difference of two densities)</source>
        <translation>Double KDE (rapport ou différence de deux densités)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="58"/>
        <source>&lt;p&gt;Two kernel density surfaces on the same grid, with the same kernel and bandwidth, combined cell by cell:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Ratio&lt;/b&gt; A / B: risk rather than volume, e.g. burglaries (A) per dwelling (B, address points). Cells where B's density is below the minimum denominator are NoData, so sparsely populated edges do not show absurd rates.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Difference&lt;/b&gt; A - B: change, e.g. this year's incidents (A) minus last year's (B): positive where it got worse.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Densities are in points per km² (weights if given). The grid covers both layers (grown by the bandwidth) unless an extent is given; the bandwidth defaults to the spatial Silverman rule on layer A, the cell to the extent's shorter side / 250.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Deux surfaces de densité par noyau sur la même grille, avec le même noyau et la même largeur de bande, combinées cellule par cellule :&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Rapport&lt;/b&gt; A / B : le risque plutôt que le volume, par exemple les cambriolages (A) par logement (B, points d'adresse). Les cellules où la densité de B est sous le dénominateur minimal sont NoData, pour que les bords peu peuplés n'affichent pas de taux absurdes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Différence&lt;/b&gt; A - B : l'évolution, par exemple les incidents de cette année (A) moins ceux de l'an dernier (B) : positive là où la situation s'est dégradée.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Les densités sont en points par km² (en poids s'ils sont fournis). La grille couvre les deux couches (élargie de la largeur de bande) sauf si une emprise est donnée ; la largeur de bande par défaut suit la règle de Silverman spatiale sur la couche A, la cellule vaut le plus petit côté de l'emprise / 250.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="72"/>
        <source>Points A (numerator / this period)</source>
        <translation>Points A (numérateur / cette période)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="74"/>
        <source>Weight field of A</source>
        <translation>Champ de poids de A</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="77"/>
        <source>Points B (denominator / earlier period)</source>
        <translation>Points B (dénominateur / période antérieure)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="80"/>
        <source>Weight field of B</source>
        <translation>Champ de poids de B</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="83"/>
        <source>Combine as</source>
        <translation>Combiner en</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="83"/>
        <source>Ratio A / B</source>
        <translation>Rapport A / B</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="83"/>
        <source>Difference A - B</source>
        <translation>Différence A - B</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="86"/>
        <source>Bandwidth (radius; 0 = from layer A)</source>
        <translation>Largeur de bande (rayon ; 0 = d'après la couche A)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="89"/>
        <source>Cell size (0 = extent / 250)</source>
        <translation>Taille de cellule (0 = emprise / 250)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Kernel</source>
        <translation>Noyau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Quartic</source>
        <translation>Quartique</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Triangular</source>
        <translation>Triangulaire</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Uniform</source>
        <translation>Uniforme</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Triweight</source>
        <translation>Tripondéré</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Epanechnikov</source>
        <translation>Epanechnikov</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="92"/>
        <source>Normal (Gaussian)</source>
        <translation>Normal (gaussien)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="97"/>
        <source>Minimum density of B for a ratio (per km²)</source>
        <translation>Densité minimale de B pour un rapport (par km²)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="100"/>
        <source>Grid extent (default: both layers)</source>
        <translation>Emprise de la grille (par défaut : les deux couches)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="102"/>
        <source>Combined surface</source>
        <translation>Surface combinée</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="113"/>
        <source>Both inputs must be point layers.</source>
        <translation>Les deux entrées doivent être des couches de points.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="124"/>
        <source>Weights must be 0 or more (&apos;{}&apos;).</source>
        <translation>Les poids doivent être positifs ou nuls (« {} »).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="134"/>
        <source>Layer {} has no points.</source>
        <translation>La couche {} n'a aucun point.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="150"/>
        <source>Layer B's density is below the minimum denominator ({:g} per km²) in every cell: lower it.</source>
        <translation>La densité de la couche B est sous le dénominateur minimal ({:g} par km²) dans toutes les cellules : abaissez-le.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/dual_kde.py" line="159"/>
        <source>Grid {} x {} cells of {:g}, bandwidth {:g}; {} cells left out.</source>
        <translation>Grille de {} x {} cellules de {:g}, largeur de bande {:g} ; {} cellules écartées.</translation>
    </message>
</context>
<context>
    <name>EmergingHotspotsAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="35"/>
        <source>Hotspots</source>
        <translation>Points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="96"/>
        <source>Emerging hot spots</source>
        <translation>Points chauds émergents</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="41"/>
        <source>&lt;p&gt;Which places are becoming, staying or ceasing to be hot spots? Incidents are counted in a space-time cube (grid cells x time steps, every step from the first incident to the last). In each time step every cell gets a Getis-Ord Gi* z-score with its neighbours within the distance band (0 = the 8 touching cells); it is &lt;i&gt;hot&lt;/i&gt; (&lt;i&gt;cold&lt;/i&gt;) in that step when Gi* is significantly high (low) at the chosen confidence. Each cell&apos;s series of z-scores then gets a Mann-Kendall trend test at the trend significance level. With T steps, &apos;90% of the steps&apos; means at least ceil(0.9 T).&lt;/p&gt;&lt;h3&gt;Categories&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;New&lt;/b&gt;: hot in the final step, never hot (nor cold) before.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Consecutive&lt;/b&gt;: hot in one unbroken run of at least two steps ending with the final step, never hot before the run, never cold, hot in fewer than 90% of the steps.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Intensifying&lt;/b&gt;: hot in at least 90% of the steps including the final one, with a significant upward trend in the z-scores.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Persistent&lt;/b&gt;: hot in at least 90% of the steps including the final one, with no significant trend.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Diminishing&lt;/b&gt;: hot in at least 90% of the steps including the final one, with a significant downward trend.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sporadic&lt;/b&gt;: hot in the final step and in earlier steps with gaps between (not one final run), hot in fewer than 90% of the steps, never cold.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Oscillating&lt;/b&gt;: hot in the final step, cold in at least one earlier step, hot in fewer than 90% of the steps (takes precedence over new, consecutive and sporadic).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Historical&lt;/b&gt;: not hot in the final step, but hot in at least 90% of the steps.&lt;/li&gt;&lt;li&gt;The &lt;b&gt;cold&lt;/b&gt; categories mirror these with cold spots and the trend reversed (intensifying cold: z-scores falling).&lt;/li&gt;&lt;li&gt;&lt;b&gt;No pattern&lt;/b&gt;: none of the above.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Output: the cells that had at least one incident, with the category, its code (1..8 hot, -1..-8 cold, 0 none), the hot and cold step counts and the trend z and p, styled by category. Gi* uses all cells of the grid.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Quels lieux deviennent, restent ou cessent d'être des points chauds ? Les incidents sont comptés dans un cube espace-temps (cellules de grille x pas de temps, chaque pas du premier incident au dernier). À chaque pas de temps, chaque cellule reçoit un score z de Getis-Ord Gi* avec ses voisines dans la bande de distance (0 = les 8 cellules contiguës) ; elle est &lt;i&gt;chaude&lt;/i&gt; (&lt;i&gt;froide&lt;/i&gt;) à ce pas quand Gi* est significativement élevé (bas) au niveau de confiance choisi. La série des scores z de chaque cellule passe ensuite un test de tendance de Mann-Kendall au seuil de significativité de la tendance. Avec T pas, « 90 % des pas » signifie au moins ceil(0,9 T).&lt;/p&gt;&lt;h3&gt;Catégories&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Nouveau&lt;/b&gt; (new) : chaud au dernier pas, jamais chaud (ni froid) avant.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Consécutif&lt;/b&gt; (consecutive) : chaud sur une seule série ininterrompue d'au moins deux pas finissant au dernier pas, jamais chaud avant cette série, jamais froid, chaud sur moins de 90 % des pas.&lt;/li&gt;&lt;li&gt;&lt;b&gt;En intensification&lt;/b&gt; (intensifying) : chaud sur au moins 90 % des pas dont le dernier, avec une tendance à la hausse significative des scores z.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Persistant&lt;/b&gt; (persistent) : chaud sur au moins 90 % des pas dont le dernier, sans tendance significative.&lt;/li&gt;&lt;li&gt;&lt;b&gt;En diminution&lt;/b&gt; (diminishing) : chaud sur au moins 90 % des pas dont le dernier, avec une tendance à la baisse significative.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sporadique&lt;/b&gt; (sporadic) : chaud au dernier pas et à des pas antérieurs séparés par des interruptions (pas une seule série finale), chaud sur moins de 90 % des pas, jamais froid.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Oscillant&lt;/b&gt; (oscillating) : chaud au dernier pas, froid à au moins un pas antérieur, chaud sur moins de 90 % des pas (prime sur nouveau, consécutif et sporadique).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Historique&lt;/b&gt; (historical) : pas chaud au dernier pas, mais chaud sur au moins 90 % des pas.&lt;/li&gt;&lt;li&gt;Les catégories &lt;b&gt;froides&lt;/b&gt; en sont le miroir, avec les points froids et la tendance inversée (froid en intensification : scores z en baisse).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Aucun motif&lt;/b&gt; (no pattern) : aucun des cas ci-dessus.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Sortie : les cellules ayant eu au moins un incident, avec la catégorie, son code (1..8 chaud, -1..-8 froid, 0 aucun), le nombre de pas chauds et froids, et le z et le p de la tendance, symbolisées par catégorie. Gi* utilise toutes les cellules de la grille.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="77"/>
        <source>Cell size</source>
        <translation>Taille de cellule</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="81"/>
        <source>Time step</source>
        <translation>Pas de temps</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="81"/>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="81"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="81"/>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="84"/>
        <source>Neighbourhood distance (0 = the 8 touching cells)</source>
        <translation>Distance de voisinage (0 = les 8 cellules contiguës)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="87"/>
        <source>Hot/cold spot confidence</source>
        <translation>Confiance des points chauds/froids</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="90"/>
        <source>Trend significance level</source>
        <translation>Seuil de signification de la tendance</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="93"/>
        <source>False discovery rate correction in each time step</source>
        <translation>Correction du taux de fausses découvertes à chaque pas de temps</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="111"/>
        <source>No incident lies inside the study area.</source>
        <translation>Aucun incident dans la zone d'étude.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="117"/>
        <source>The incidents cover only {} {}(s); emerging hot spots need at least 3 time steps (10 or more for the 90% categories to mean much).</source>
        <translation>Les incidents ne couvrent que {} période(s) ({}) ; il faut au moins 3 pas de temps (10 ou plus pour que les catégories à 90 % aient un sens).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="121"/>
        <source>Only {} time steps: with fewer than 10, &apos;at least 90% of the steps&apos; means every step.</source>
        <translation>Seulement {} pas de temps : en dessous de 10, « au moins 90 % des pas » signifie tous les pas.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="127"/>
        <source>Space-time cube: {} x {} cells x {} {}s.</source>
        <translation>Cube espace-temps : {} x {} cellules x {} ({}).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/emerging_hotspots.py" line="156"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>ExportTableAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="44"/>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="47"/>
        <source>Export a table for partners (CSV, XLSX)</source>
        <translation>Exporter une table pour les partenaires (CSV, XLSX)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="50"/>
        <source>&lt;p&gt;Any layer or algorithm output (its selected features, if &apos;selected only&apos; is ticked) as CSV and/or Excel, with the metadata partners need: title, source, filter, who exported it and when, the purpose, and the licence or data sharing note (a metadata sheet in XLSX; a .metadata.txt file beside a CSV).&lt;/p&gt;&lt;p&gt;Text starting with = + - @ or a tab, which a spreadsheet would run as a formula, is made safe: a leading apostrophe in CSV, a text-typed cell in XLSX (the value is unchanged).&lt;/p&gt;&lt;p&gt;Exports of data from the SCRIBE store are recorded in its audit table with their purpose, as the signed-in user; if that record cannot be written, nothing is exported.&lt;/p&gt;</source>
        <translation>&lt;p&gt;N'importe quelle couche ou sortie d'algorithme (ses entités sélectionnées, si « sélection seulement » est coché) en CSV et/ou Excel, avec les métadonnées dont les partenaires ont besoin : titre, source, filtre, qui l'a exportée et quand, la finalité, et la licence ou la mention de partage des données (une feuille de métadonnées dans le XLSX ; un fichier .metadata.txt à côté d'un CSV).&lt;/p&gt;&lt;p&gt;Un texte commençant par = + - @ ou une tabulation, qu'un tableur exécuterait comme une formule, est neutralisé : une apostrophe en tête dans le CSV, une cellule de type texte dans le XLSX (la valeur est inchangée).&lt;/p&gt;&lt;p&gt;Les exports de données du entrepôt SCRIBE sont enregistrés dans sa table d'audit avec leur finalité, au nom de l'utilisateur connecté ; si cet enregistrement ne peut être écrit, rien n'est exporté.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="63"/>
        <source>Layer or table</source>
        <translation>Couche ou table</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="65"/>
        <source>Fields (default: all)</source>
        <translation>Champs (par défaut : tous)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="68"/>
        <source>Purpose of this export</source>
        <translation>Finalité de cet export</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="70"/>
        <source>Licence / data sharing note</source>
        <translation>Licence / note de partage des données</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="72"/>
        <source>CSV file</source>
        <translation>Fichier CSV</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="72"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="75"/>
        <source>Excel file</source>
        <translation>Fichier Excel</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="75"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="78"/>
        <source>Rows exported</source>
        <translation>Lignes exportées</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="92"/>
        <source>Choose a CSV file, an Excel file or both.</source>
        <translation>Choisissez un fichier CSV, un fichier Excel ou les deux.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/export_table.py" line="118"/>
        <source>{} rows exported for: {}</source>
        <translation>{} lignes exportées pour : {}</translation>
    </message>
</context>
<context>
    <name>HotspotAccuracyAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="46"/>
        <source>Assessment</source>
        <translation>Évaluation</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="49"/>
        <source>Hotspot accuracy (PAI, RRI)</source>
        <translation>Précision des points chauds (PAI, RRI)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="52"/>
        <source>&lt;p&gt;How well do hotspots drawn from one period predict the next? Kernel density hotspots are fitted on the incidents before the split date and tested on those from it (until the optional end), for every combination of the bandwidths, cell sizes and hotspot coverages given, so bandwidth and cell size can be chosen by evidence.&lt;/p&gt;&lt;p&gt;Hotspots are the highest-density cells covering the given percentage of the study area (the grid cells whose centre lies in its polygons, or else the grid around all incidents); cells where the fitted density is zero are never hotspots, so where little is mapped the hotspots can cover less than asked (the table gives the area actually covered). &lt;b&gt;PAI&lt;/b&gt; (Chainey, Tompson &amp;amp; Uhlig 2008) = hit rate / area share: the share of the test period&apos;s incidents inside the hotspots over the share of the study area they cover (higher is better; 1 is no better than chance). &lt;b&gt;RRI&lt;/b&gt; (Levine 2008) = (test hits / fitting hits) / (test total / fitting total): whether the hotspots keep their share over time (1 = stable).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les points chauds tirés d'une période prédisent-ils bien la suivante ? Des points chauds de densité par noyau sont ajustés sur les incidents antérieurs à la date de séparation et testés sur ceux qui la suivent (jusqu'à la fin facultative), pour chaque combinaison des largeurs de bande, tailles de cellule et couvertures de points chauds données, afin de choisir largeur de bande et taille de cellule sur des éléments probants.&lt;/p&gt;&lt;p&gt;Les points chauds sont les cellules de plus forte densité couvrant le pourcentage donné de la zone d'étude (les cellules de la grille dont le centre est dans ses polygones, ou sinon la grille autour de tous les incidents) ; une cellule où la densité ajustée est nulle n'est jamais un point chaud, donc là où peu de choses sont cartographiées les points chauds peuvent couvrir moins que demandé (la table donne la surface réellement couverte). &lt;b&gt;PAI&lt;/b&gt; (Chainey, Tompson &amp;amp; Uhlig 2008) = taux de réussite / part de surface : la part des incidents de la période de test situés dans les points chauds sur la part de la zone d'étude qu'ils couvrent (plus c'est élevé, mieux c'est ; 1 ne fait pas mieux que le hasard). &lt;b&gt;RRI&lt;/b&gt; (Levine 2008) = (réussites du test / réussites de l'ajustement) / (total du test / total de l'ajustement) : les points chauds gardent-ils leur part dans le temps (1 = stable).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="71"/>
        <source>Test period starts (fitting period: everything before)</source>
        <translation>Début de la période de test (période d'ajustement : tout ce qui précède)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="73"/>
        <source>Test period ends (optional, excluded)</source>
        <translation>Fin de la période de test (facultative, exclue)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="75"/>
        <source>Bandwidths to compare (comma separated)</source>
        <translation>Largeurs de bande à comparer (séparées par des virgules)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="78"/>
        <source>Cell sizes to compare (comma separated)</source>
        <translation>Tailles de cellule à comparer (séparées par des virgules)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="81"/>
        <source>Hotspot coverages, % of the study area</source>
        <translation>Couvertures des points chauds, % de la zone d'étude</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="84"/>
        <source>Study area polygons (optional)</source>
        <translation>Polygones de la zone d'étude (facultatifs)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="87"/>
        <source>Accuracy table</source>
        <translation>Table de précision</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="96"/>
        <source>Give the date the test period starts.</source>
        <translation>Donnez la date de début de la période de test.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="104"/>
        <source>Both periods need incidents: {} before the split, {} in the test period.</source>
        <translation>Les deux périodes ont besoin d'incidents : {} avant la séparation, {} dans la période de test.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspot_accuracy.py" line="162"/>
        <source>Highest PAI {:.2f}: bandwidth {:g}, cell {:g}, {:g}% of the area.</source>
        <translation>PAI le plus élevé {:.2f} : largeur de bande {:g}, cellule {:g}, {:g} % de la zone.</translation>
    </message>
</context>
<context>
    <name>HotspotsGiAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="31"/>
        <source>Hotspots</source>
        <translation>Points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="34"/>
        <source>Hot and cold spots (Getis-Ord Gi*)</source>
        <translation>Points chauds et froids (Getis-Ord Gi*)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="37"/>
        <source>&lt;p&gt;Where do incidents cluster more (hot spots) or less (cold spots) than chance would give? Counts incidents per grid cell or area and computes the Getis-Ord Gi* statistic of each with its neighbours (itself included): a z-score, high where high counts sit next to high counts.&lt;/p&gt;&lt;h3&gt;Neighbours&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Distance band&lt;/b&gt;: cells (area centres) within the distance. 0 = 1.5 cells on a grid (the 8 touching cells), or for areas the smallest distance that gives every area at least one neighbour. On a grid Gi* is computed as two convolutions, so large grids take seconds.&lt;/li&gt;&lt;li&gt;&lt;b&gt;k nearest&lt;/b&gt;: each area&apos;s k nearest areas by centre.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Classes&lt;/h3&gt;&lt;p&gt;Two-sided p-values from the z-scores, adjusted for the many tests with the Benjamini-Hochberg false discovery rate when ticked (recommended: without it, 1 in 10 cells could be a 90% &apos;hot spot&apos; by chance). Cells are classed hot/cold at 99%, 95% and 90% confidence (gi_class 3..-3), styled red to blue. Every cell of the grid over the incidents counts, empty ones included; with areas, incidents outside every area are left out.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Où les incidents se concentrent-ils plus (points chauds) ou moins (points froids) que le hasard ne le donnerait ? Compte les incidents par cellule de grille ou par zone et calcule la statistique Gi* de Getis-Ord de chacune avec ses voisines (elle-même comprise) : un score z, élevé là où de forts effectifs côtoient de forts effectifs.&lt;/p&gt;&lt;h3&gt;Voisines&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Bande de distance&lt;/b&gt; : les cellules (centres de zone) à moins de cette distance. 0 = 1,5 cellule sur une grille (les 8 cellules contiguës), ou pour des zones la plus petite distance qui donne à chaque zone au moins une voisine. Sur une grille, Gi* est calculé par deux convolutions, de sorte que les grandes grilles prennent quelques secondes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;k plus proches&lt;/b&gt; : les k zones les plus proches de chaque zone, par leur centre.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Classes&lt;/h3&gt;&lt;p&gt;Valeurs p bilatérales tirées des scores z, ajustées pour la multiplicité des tests par le taux de fausses découvertes de Benjamini-Hochberg si la case est cochée (recommandé : sans cela, 1 cellule sur 10 pourrait être un « point chaud » à 90 % par hasard). Les cellules sont classées chaudes/froides à 99 %, 95 % et 90 % de confiance (gi_class 3..-3), symbolisées du rouge au bleu. Chaque cellule de la grille couvrant les incidents compte, vides comprises ; avec des zones, les incidents hors de toute zone sont laissés de côté.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="58"/>
        <source>Neighbours</source>
        <translation>Voisins</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="58"/>
        <source>Distance band</source>
        <translation>Bande de distance</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="58"/>
        <source>k nearest neighbours</source>
        <translation>k plus proches voisins</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="62"/>
        <source>Distance band (0 = automatic)</source>
        <translation>Bande de distance (0 = automatique)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="65"/>
        <source>k (nearest neighbours)</source>
        <translation>k (plus proches voisins)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="68"/>
        <source>Correct for multiple tests (false discovery rate)</source>
        <translation>Corriger les tests multiples (taux de fausses découvertes)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="71"/>
        <source>Gi* hot and cold spots</source>
        <translation>Points chauds et froids Gi*</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="88"/>
        <source>Distance band {:g} ({} cells per neighbourhood).</source>
        <translation>Bande de distance {:g} ({} cellules par voisinage).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="97"/>
        <source>Distance band {:g}.</source>
        <translation>Bande de distance {:g}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="115"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="118"/>
        <source>{} hot and {} cold cells or areas{}.</source>
        <translation>{} cellules ou zones chaudes et {} froides{}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/hotspots_gi.py" line="118"/>
        <source> (false discovery rate corrected)</source>
        <translation> (corrigé du taux de fausses découvertes)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="66"/>
        <source>1. File</source>
        <translation>1. Fichier</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="66"/>
        <source>2. Mapping</source>
        <translation>2. Correspondance</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="66"/>
        <source>3. Check</source>
        <translation>3. Vérification</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="66"/>
        <source>4. Import</source>
        <translation>4. Import</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="73"/>
        <source>SCRIBE: import a partner file</source>
        <translation>SCRIBE : importer le fichier d'un partenaire</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="84"/>
        <source>&lt; Back</source>
        <translation>&lt; Précédent</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="85"/>
        <source>Next &gt;</source>
        <translation>Suivant &gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="86"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="111"/>
        <source>The partner&apos;s file (CSV, Excel .xlsx, GeoPackage, GeoJSON or shapefile):</source>
        <translation>Le fichier du partenaire (CSV, Excel .xlsx, GeoPackage, GeoJSON ou shapefile) :</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="128"/>
        <source>Store (pg_service.conf service):</source>
        <translation>Base (service pg_service.conf) :</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="130"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="161"/>
        <source>Save as a profile for my partner…</source>
        <translation>Enregistrer comme profil de mon partenaire…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="172"/>
        <source>Partnership area (points outside it are quarantined; optional):</source>
        <translation>Territoire du partenariat (les points hors de celui-ci sont mis en quarantaine ; facultatif) :</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="175"/>
        <source>Check the file (dry run)</source>
        <translation>Vérifier le fichier (essai à blanc)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="180"/>
        <source>First rejected rows:</source>
        <translation>Premières lignes rejetées :</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="183"/>
        <source>Labels not in the crosswalk: map them and check again</source>
        <translation>Libellés absents de la table de correspondance : associez-les puis vérifiez à nouveau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="186"/>
        <source>Use these categories and check again</source>
        <translation>Utiliser ces catégories et vérifier à nouveau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="195"/>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="197"/>
        <source>Cancel import</source>
        <translation>Annuler l'import</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="201"/>
        <source>Load the quarantine as a table layer</source>
        <translation>Charger la quarantaine comme couche table</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="269"/>
        <source>{} columns; {}. Detected profile: {}</source>
        <translation>{} colonnes ; {}. Profil détecté : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="268"/>
        <source>none (map the columns yourself)</source>
        <translation>aucun (associez les colonnes vous-même)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="299"/>
        <source>The mapping is not complete: {}</source>
        <translation>La correspondance est incomplète : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="294"/>
        <source>pick the date column</source>
        <translation>choisissez la colonne de date</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="297"/>
        <source>the file has no column(s) {}</source>
        <translation>le fichier n'a pas de colonne(s) {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="305"/>
        <source>Save profile</source>
        <translation>Enregistrer le profil</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="305"/>
        <source>Profile name (lower-case letters, digits and _), e.g. luton_council_asb:</source>
        <translation>Nom du profil (minuscules, chiffres et _), par ex. luton_council_asb :</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="315"/>
        <source>Saved profile {} ({}). Files with this header will be detected as it.</source>
        <translation>Profil {} enregistré ({}). Les fichiers ayant cet en-tête seront reconnus.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="327"/>
        <source>The partnership area cannot be read: {}</source>
        <translation>Le territoire du partenariat est illisible : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="330"/>
        <source>Checking</source>
        <translation>Vérification de</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="330"/>
        <source>Importing</source>
        <translation>Import de</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="337"/>
        <source>{} {}…</source>
        <translation>{} {}…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="348"/>
        <source>Import cancelled: nothing was written.</source>
        <translation>Import annulé : rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="349"/>
        <source>Nothing was written. {}</source>
        <translation>Rien n'a été écrit. {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="356"/>
        <source>Warnings: {}</source>
        <translation>Avertissements : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="358"/>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="358"/>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="358"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="367"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="367"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="367"/>
        <source>SCRIBE category</source>
        <translation>Catégorie SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="372"/>
        <source>(leave quarantined)</source>
        <translation>(laisser en quarantaine)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="391"/>
        <source>Quarantine: {} (batch {})</source>
        <translation>Quarantaine : {} (lot {})</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="406"/>
        <source>Loaded {} quarantined rows as the layer &apos;{}&apos;.</source>
        <translation>{} lignes en quarantaine chargées dans la couche « {} ».</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="411"/>
        <source>Import running</source>
        <translation>Import en cours</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="411"/>
        <source>An import is running. Cancel it (nothing will be written)?</source>
        <translation>Un import est en cours. L'annuler (rien ne sera écrit) ?</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="152"/>
        <source>This is a police.uk outcome file: each row gives the outcome a crime reached in a month. There is nothing to map: every outcome is matched by its Crime ID to a crime your partner already has in the store, each crime keeps its latest outcome, and outcomes for crimes not in the store are quarantined.</source>
        <translation>Ceci est un fichier de suites judiciaires police.uk : chaque ligne donne la suite qu'un délit a reçue au cours d'un mois. Il n'y a rien à associer : chaque suite est rattachée par son Crime ID à un délit que votre partenaire a déjà dans l'entrepôt, chaque délit garde sa suite la plus récente, et les suites de délits absents de l'entrepôt sont mises en quarantaine.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="266"/>
        <source>police.uk outcome file (outcomes of crimes already in the store)</source>
        <translation>fichier de suites judiciaires police.uk (suites de délits déjà dans l'entrepôt)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/import_dialog.py" line="259"/>
        <source> (from the first {} MB of {} MB: the check reads it all)</source>
        <translation> (d’après les {} premiers Mo sur {} Mo : la vérification lit tout)</translation>
    </message>
</context>
<context>
    <name>IncidentAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="51"/>
        <source>Trends and change</source>
        <translation>Tendances et évolutions</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="55"/>
        <source>Incident points</source>
        <translation>Points d'incidents</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="57"/>
        <source>Date/time field (default: occurred_from, else the first date field)</source>
        <translation>Champ date/heure (par défaut : occurred_from, sinon le premier champ date)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="63"/>
        <source>End of the time window (optional, e.g. occurred_to)</source>
        <translation>Fin de la fenêtre temporelle (facultatif, p. ex. occurred_to)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="68"/>
        <source>Category field (optional)</source>
        <translation>Champ de catégorie (facultatif)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="72"/>
        <source>Time zone of the partnership (IANA name)</source>
        <translation>Fuseau horaire du partenariat (nom IANA)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="79"/>
        <source>Areas (wards, LSOAs...; empty: a grid)</source>
        <translation>Zones (quartiers, LSOA... ; vide : une grille)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="82"/>
        <source>Area name or code field</source>
        <translation>Champ du nom ou code de zone</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="85"/>
        <source>Grid cell size (when no areas are given)</source>
        <translation>Taille des cellules de la grille (sans zones)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="91"/>
        <source>Study area extent for the grid (default: all incidents)</source>
        <translation>Emprise d'étude de la grille (par défaut : tous les incidents)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="101"/>
        <source>The study area extent is empty.</source>
        <translation>L'emprise d'étude est vide.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="125"/>
        <source>{} incidents read.</source>
        <translation>{} incidents lus.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/incident_inputs.py" line="149"/>
        <source>{} incidents lie outside the study area extent and are left out.</source>
        <translation>{} incidents sont hors de l'emprise d'étude et sont exclus.</translation>
    </message>
</context>
<context>
    <name>IncidentDock</name>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="85"/>
        <source>SCRIBE incidents</source>
        <translation>Incidents SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="196"/>
        <source>Sign in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="106"/>
        <source>Partners (none ticked: all)</source>
        <translation>Partenaires (aucun coché : tous)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="110"/>
        <source>Categories (none ticked: all)</source>
        <translation>Catégories (aucune cochée : toutes)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="112"/>
        <source>Last month</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="112"/>
        <source>Last 12 months</source>
        <translation>Les 12 derniers mois</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="112"/>
        <source>Custom dates</source>
        <translation>Dates choisies</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="112"/>
        <source>All dates</source>
        <translation>Toutes les dates</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="125"/>
        <source>Same period last year</source>
        <translation>Même période l’an dernier</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="127"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="133"/>
        <source>Anywhere</source>
        <translation>Partout</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="133"/>
        <source>Current map extent</source>
        <translation>Emprise actuelle de la carte</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="133"/>
        <source>Features of a boundary layer</source>
        <translation>Entités d’une couche de limites</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="133"/>
        <source>A polygon I draw</source>
        <translation>Un polygone que je dessine</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="139"/>
        <source>Draw…</source>
        <translation>Dessiner…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="141"/>
        <source>Area</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="145"/>
        <source>words in the incident text or address</source>
        <translation>mots du texte de l’incident ou de l’adresse</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="146"/>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="149"/>
        <source>Count</source>
        <translation>Compter</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="150"/>
        <source>Load layer</source>
        <translation>Charger la couche</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="151"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="195"/>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="198"/>
        <source>{} ({}, {})</source>
        <translation>{} ({}, {})</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="200"/>
        <source>Switch user…</source>
        <translation>Changer d’utilisateur…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="253"/>
        <source>map extent</source>
        <translation>emprise de la carte</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="257"/>
        <source>choose a boundary layer</source>
        <translation>choisissez une couche de limites</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="260"/>
        <source>{} ({} selected)</source>
        <translation>{} ({} sélectionnées)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="265"/>
        <source>draw the area on the map first</source>
        <translation>dessinez d’abord la zone sur la carte</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="266"/>
        <source>drawn area</source>
        <translation>zone dessinée</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="281"/>
        <source>Click the corners on the map; right-click to finish.</source>
        <translation>Cliquez les sommets sur la carte ; clic droit pour terminer.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="287"/>
        <source>Area drawn.</source>
        <translation>Zone dessinée.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="295"/>
        <source>Incidents are shown only once you state the purpose of your access.</source>
        <translation>Les incidents ne s’affichent qu’après avoir indiqué la finalité de votre accès.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="334"/>
        <source>Check the filter: {}</source>
        <translation>Vérifiez le filtre : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="313"/>
        <source>Counting…</source>
        <translation>Comptage…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="322"/>
        <source>Counting failed: {}</source>
        <translation>Le comptage a échoué : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="324"/>
        <source>{} incidents match.</source>
        <translation>{} incidents correspondent.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="340"/>
        <source>Loaded: {}</source>
        <translation>Chargée : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/incident_dock.py" line="353"/>
        <source>Refreshed {} layer(s).</source>
        <translation>{} couche(s) actualisée(s).</translation>
    </message>
</context>
<context>
    <name>KdeHotspotsAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="191"/>
        <source>Incident points</source>
        <translation>Points d'incidents</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="193"/>
        <source>Weight field</source>
        <translation>Champ de poids</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="196"/>
        <source>Bandwidth (radius; 0 = from the data)</source>
        <translation>Largeur de bande (rayon ; 0 = d'après les données)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="199"/>
        <source>Cell size (0 = extent / 250)</source>
        <translation>Taille de cellule (0 = emprise / 250)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Kernel</source>
        <translation>Noyau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="207"/>
        <source>Decay ratio (triangular kernel only)</source>
        <translation>Taux de décroissance (noyau triangulaire seulement)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="212"/>
        <source>Output values</source>
        <translation>Valeurs en sortie</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="212"/>
        <source>Raw (kernel shape, as QGIS)</source>
        <translation>Brutes (forme du noyau, comme QGIS)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="212"/>
        <source>Scaled (density)</source>
        <translation>Mises à l'échelle (densité)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="216"/>
        <source>Density units (scaled output)</source>
        <translation>Unités de densité (sortie mise à l'échelle)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="216"/>
        <source>Incidents per km²</source>
        <translation>Incidents par km²</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="216"/>
        <source>Incidents per cell</source>
        <translation>Incidents par cellule</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="216"/>
        <source>Incidents per map unit²</source>
        <translation>Incidents par unité de carte²</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="220"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="220"/>
        <source>Fast (binned FFT)</source>
        <translation>Rapide (regroupement et FFT)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="220"/>
        <source>Exact (direct sum)</source>
        <translation>Exacte (somme directe)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="226"/>
        <source>Grid extent (cells align to its top-left corner)</source>
        <translation>Emprise de la grille (cellules alignées sur son coin supérieur gauche)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="229"/>
        <source>Mask polygons (cells outside become NoData)</source>
        <translation>Polygones de masque (les cellules hors masque deviennent NoData)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="232"/>
        <source>Hotspot rule</source>
        <translation>Règle des points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="232"/>
        <source>Above a percentile of occupied cells</source>
        <translation>Au-dessus d'un centile des cellules occupées</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="232"/>
        <source>Above mean + k standard deviations</source>
        <translation>Au-dessus de la moyenne + k écarts-types</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="236"/>
        <source>Hotspot threshold (percentile, or k)</source>
        <translation>Seuil des points chauds (centile, ou k)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="239"/>
        <source>Write the hotspot colour ramp beside the raster (.qml)</source>
        <translation>Écrire la rampe de couleurs des points chauds à côté du raster (.qml)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="242"/>
        <source>Density surface</source>
        <translation>Surface de densité</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="244"/>
        <source>Hotspot areas</source>
        <translation>Zones de points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="257"/>
        <source>A scaled triangular kernel needs a decay above -0.5 (below that it has no positive total); use raw output.</source>
        <translation>Un noyau triangulaire mis à l'échelle exige une décroissance supérieure à -0,5 (en dessous, son total n'est pas positif) ; utilisez la sortie brute.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="262"/>
        <source>The hotspot percentile must be between 0 and 100.</source>
        <translation>Le centile des points chauds doit être compris entre 0 et 100.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="279"/>
        <source>Reading points…</source>
        <translation>Lecture des points…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="500"/>
        <source>{} features without a geometry were skipped.</source>
        <translation>{} entités sans géométrie ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="503"/>
        <source>{} features with a NULL weight were skipped.</source>
        <translation>{} entités avec un poids NULL ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="507"/>
        <source>The input has no points to map (empty layer, filter or selection, or only NULL geometries).</source>
        <translation>L'entrée n'a aucun point à cartographier (couche, filtre ou sélection vide, ou seulement des géométries NULL).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="518"/>
        <source>{} features have a negative weight in &apos;{}&apos;; weights must be 0 or more.</source>
        <translation>{} entités ont un poids négatif dans « {} » ; les poids doivent être positifs ou nuls.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="522"/>
        <source>Some weights are not finite numbers.</source>
        <translation>Certains poids ne sont pas des nombres finis.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="512"/>
        <source>Every weight in &apos;{}&apos; is 0, so there is nothing to map.</source>
        <translation>Tous les poids de « {} » valent 0 : il n'y a rien à cartographier.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="456"/>
        <source>{} points read ({}).</source>
        <translation>{} points lus ({}).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="542"/>
        <source>The bandwidth spans only {:.1f} cells; the fast method refines its grid {}x internally to stay accurate.</source>
        <translation>La largeur de bande ne couvre que {:.1f} cellules ; la méthode rapide affine sa grille {}x en interne pour rester précise.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="379"/>
        <source>Bandwidth from the data (spatial Silverman rule): {:.1f}</source>
        <translation>Largeur de bande d'après les données (règle spatiale de Silverman) : {:.1f}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="528"/>
        <source>The bandwidth ({:.0f}) is below the typical spacing between distinct incident locations ({:.0f}); with police.uk data the surface would map the anonymous snap points rather than crime. Consider a bandwidth of at least {:.0f}.</source>
        <translation>La largeur de bande ({:.0f}) est inférieure à l'espacement typique entre lieux d'incidents distincts ({:.0f}) ; avec les données police.uk, la surface représenterait les points d'ancrage anonymes plutôt que la délinquance. Envisagez une largeur de bande d'au moins {:.0f}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="576"/>
        <source>The cell size must be a positive number.</source>
        <translation>La taille de cellule doit être un nombre positif.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="618"/>
        <source>{} hotspot areas.</source>
        <translation>{} zones de points chauds.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="127"/>
        <source>Kernel density hotspots</source>
        <translation>Points chauds par densité de noyau</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="130"/>
        <source>Hotspots</source>
        <translation>Points chauds</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Quartic</source>
        <translation>Quartique</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Triangular</source>
        <translation>Triangulaire</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Uniform</source>
        <translation>Uniforme</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Triweight</source>
        <translation>Tripondéré</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Epanechnikov</source>
        <translation>Epanechnikov</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="202"/>
        <source>Normal (Gaussian)</source>
        <translation>Normal (gaussien)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="442"/>
        <source>The file&apos;s stored extent differs from its points&apos;; reading again on the points&apos; extent.</source>
        <translation>L'emprise enregistrée dans le fichier diffère de celle de ses points ; nouvelle lecture sur l'emprise des points.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="535"/>
        <source>Grid: {} x {} cells of {:g}; bandwidth {:g}; kernel {}.</source>
        <translation>Grille : {} x {} cellules de {:g} ; largeur de bande {:g} ; noyau {}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="133"/>
        <source>&lt;p&gt;Kernel density estimation (KDE) of incidents onto a grid, for hotspot maps. Works on any point layer in a projected CRS (British National Grid, EPSG:27700, for UK data); a SCRIBE incident layer keeps its filter.&lt;/p&gt;&lt;h3&gt;Defaults&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Cell size&lt;/b&gt; 0 = the shorter side of the points&apos; extent / 250 (ArcGIS Pro&apos;s rule; results change little with cell size once the bandwidth spans 5 or more cells).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Bandwidth&lt;/b&gt; 0 = ArcGIS Pro&apos;s spatial Silverman rule: 0.9 &amp;times; min(SD, &amp;radic;(1/ln 2) &amp;times; Dm) &amp;times; n&lt;sup&gt;-0.2&lt;/sup&gt;, SD the standard distance, Dm the median distance to the mean centre, n the number of points (total weight). It adapts to the data&apos;s spread and count. A warning is given when the bandwidth is below the typical spacing between distinct incident locations: police.uk snaps incidents to anonymous map points, and a smaller bandwidth maps that anonymisation grid rather than crime.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Output&lt;/b&gt; scaled, in incidents per km&amp;sup2; (or per cell, or per map unit&amp;sup2;); raw gives the kernel shape only (peak 1 per point), as QGIS&apos;s Heatmap.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Kernels&lt;/h3&gt;&lt;p&gt;Quartic (biweight, the crime-mapping default), triangular (with decay), uniform, triweight, Epanechnikov, as QGIS&apos;s Heatmap, with the bandwidth as the kernel radius; plus normal (Gaussian), with the bandwidth as the standard deviation, truncated at 4 SD and renormalised.&lt;/p&gt;&lt;h3&gt;Fast and exact modes&lt;/h3&gt;&lt;p&gt;Fast (default): points are linearly binned onto the cell centres and convolved with the kernel by FFT; cost grows with points + cells &amp;times; log(cells), not points &amp;times; kernel area. Below 9 cells per bandwidth (10 for Epanechnikov and triangular, 24 for kernels with a jump at the rim) the grid is refined internally and sampled back. Smooth kernels stay within 1% of exact mode&apos;s peak; uniform and triangular-with-decay can differ by a few % at cells whose centre lies on a point&apos;s rim: use exact mode there. The total mass is exact in both modes. Exact: the direct sum, for validation and small inputs.&lt;/p&gt;&lt;h3&gt;Differences from QGIS&apos;s Heatmap (3.22)&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Every scaled kernel integrates to 1 (QGIS&apos;s scaled quartic integrates to 7.25: QGIS issue 60616).&lt;/li&gt;&lt;li&gt;Each kernel is centred on its point (QGIS places rows counted from the bottom into rows written from the top, shifting kernels by up to a cell).&lt;/li&gt;&lt;li&gt;Empty cells are 0, not NoData, so area sums and PAI work; cells outside a mask are NoData.&lt;/li&gt;&lt;li&gt;The grid is QGIS&apos;s (points&apos; extent grown by the radius, cell-aligned to its top-left) unless an extent is given: then cells align to the extent&apos;s top-left corner, so surfaces for different periods line up cell for cell, and points outside the extent still contribute to cells within reach.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Hotspot polygons&lt;/h3&gt;&lt;p&gt;Optional: cells above the chosen percentile of occupied cells, or above mean + k standard deviations, dissolved into areas (8-connected), each with its incident count and share of all incidents.&lt;/p&gt;&lt;h3&gt;Memory&lt;/h3&gt;&lt;p&gt;Fast mode with a smooth kernel (quartic, triweight, normal) makes the surface strip by strip and writes each strip as it comes, so memory stays at a few MB whatever the size of the grid; the binned points wait in a temporary file (12 bytes a point). When the bandwidth is given, a file layer (GeoPackage, shapefile, ...) without a filter is binned batch by batch as it is read; otherwise the coordinates are held while they are binned (16 bytes a point). Hotspot areas, exact mode and kernels with a rim need the whole grid (4 bytes a cell): a grid too large for the memory available, or a file too large for the disk, is refused before anything is allocated.&lt;/p&gt;&lt;p&gt;NULL geometries are skipped and counted in the log; weights must not be negative.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Estimation de densité par noyau (KDE) des incidents sur une grille, pour les cartes de points chauds. Fonctionne sur toute couche de points dans un SCR projeté (British National Grid, EPSG:27700, pour les données du Royaume-Uni) ; une couche d'incidents SCRIBE garde son filtre.&lt;/p&gt;&lt;h3&gt;Valeurs par défaut&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Taille de cellule&lt;/b&gt; 0 = le plus petit côté de l'emprise des points / 250 (la règle d'ArcGIS Pro ; les résultats varient peu avec la taille de cellule dès que la largeur de bande couvre 5 cellules ou plus).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Largeur de bande&lt;/b&gt; 0 = la règle de Silverman spatiale d'ArcGIS Pro : 0,9 &amp;times; min(SD, &amp;radic;(1/ln 2) &amp;times; Dm) &amp;times; n&lt;sup&gt;-0,2&lt;/sup&gt;, SD la distance standard, Dm la distance médiane au centre moyen, n le nombre de points (le poids total). Elle s'adapte à l'étendue et au nombre des données. Un avertissement est donné quand la largeur de bande est inférieure à l'espacement typique entre lieux d'incident distincts : police.uk accroche les incidents à des points anonymes, et une largeur de bande plus petite cartographie cette grille d'anonymisation plutôt que les délits.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Sortie&lt;/b&gt; mise à l'échelle, en incidents par km&amp;sup2; (ou par cellule, ou par unité de carte&amp;sup2;) ; brute ne donne que la forme du noyau (pic de 1 par point), comme la carte de chaleur de QGIS.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Noyaux&lt;/h3&gt;&lt;p&gt;Quartique (biweight, le choix par défaut en cartographie de la délinquance), triangulaire (avec décroissance), uniforme, tripondéré, Epanechnikov, comme la carte de chaleur de QGIS, avec la largeur de bande comme rayon du noyau ; plus normal (gaussien), avec la largeur de bande comme écart-type, tronqué à 4 écarts-types et renormalisé.&lt;/p&gt;&lt;h3&gt;Modes rapide et exact&lt;/h3&gt;&lt;p&gt;Rapide (par défaut) : les points sont répartis linéairement sur les centres des cellules et convolués avec le noyau par FFT ; le coût croît avec points + cellules &amp;times; log(cellules), et non points &amp;times; surface du noyau. Sous 9 cellules par largeur de bande (10 pour Epanechnikov et triangulaire, 24 pour les noyaux à saut au bord) la grille est affinée en interne puis rééchantillonnée. Les noyaux lisses restent à moins de 1 % du pic du mode exact ; uniforme et triangulaire avec décroissance peuvent différer de quelques % aux cellules dont le centre est sur le bord du noyau d'un point : utilisez alors le mode exact. La masse totale est exacte dans les deux modes. Exact : la somme directe, pour la validation et les petites entrées.&lt;/p&gt;&lt;h3&gt;Différences avec la carte de chaleur de QGIS (3.22)&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Chaque noyau mis à l'échelle a une intégrale de 1 (le quartique mis à l'échelle de QGIS intègre à 7,25 : ticket QGIS 60616).&lt;/li&gt;&lt;li&gt;Chaque noyau est centré sur son point (QGIS place des lignes comptées depuis le bas dans des lignes écrites depuis le haut, ce qui décale les noyaux jusqu'à une cellule).&lt;/li&gt;&lt;li&gt;Les cellules vides valent 0, et non NoData, pour que les sommes par zone et le PAI fonctionnent ; les cellules hors d'un masque sont NoData.&lt;/li&gt;&lt;li&gt;La grille est celle de QGIS (l'emprise des points élargie du rayon, alignée sur son coin supérieur gauche) sauf si une emprise est donnée : les cellules s'alignent alors sur le coin supérieur gauche de l'emprise, pour que les surfaces de périodes différentes se superposent cellule par cellule, et les points hors de l'emprise contribuent encore aux cellules à leur portée.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Polygones de points chauds&lt;/h3&gt;&lt;p&gt;Facultatif : les cellules au-dessus du centile choisi des cellules occupées, ou au-dessus de la moyenne + k écarts-types, fusionnées en zones (8-connexité), chacune avec son nombre d'incidents et sa part de tous les incidents.&lt;/p&gt;&lt;h3&gt;Mémoire&lt;/h3&gt;&lt;p&gt;Le mode rapide avec un noyau lisse (quartique, tripondéré, normal) construit la surface bande par bande et écrit chaque bande dès qu'elle est prête, si bien que la mémoire reste de quelques Mo quelle que soit la taille de la grille ; les points répartis attendent dans un fichier temporaire (12 octets par point). Quand la largeur de bande est donnée, une couche fichier (GeoPackage, shapefile, ...) sans filtre est répartie lot par lot pendant sa lecture ; sinon les coordonnées sont gardées pendant leur répartition (16 octets par point). Les zones de points chauds, le mode exact et les noyaux à bord ont besoin de toute la grille (4 octets par cellule) : une grille trop grande pour la mémoire disponible, ou un fichier trop grand pour le disque, est refusé avant toute allocation.&lt;/p&gt;&lt;p&gt;Les géométries NULL sont ignorées et comptées dans le journal ; les poids ne doivent pas être négatifs.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/kde_hotspots.py" line="477"/>
        <source>The grid ({} x {} cells) would take up to {:.1f} GiB, more than the {:.1f} GiB free in {}: use a larger cell size or a smaller extent.</source>
        <translation>La grille ({} x {} cellules) occuperait jusqu'à {:.1f} Gio, plus que les {:.1f} Gio libres dans {} : utilisez une taille de cellule plus grande ou une emprise plus petite.</translation>
    </message>
</context>
<context>
    <name>MappingForm</name>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="41"/>
        <source>Generic: map the columns yourself</source>
        <translation>Générique : associez les colonnes vous-même</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="44"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="49"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Record id</source>
        <translation>Identifiant de l'enregistrement</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Category label</source>
        <translation>Libellé de catégorie</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Date (from)</source>
        <translation>Date (début)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Time (from)</source>
        <translation>Heure (début)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Date to</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Time to</source>
        <translation>Heure de fin</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Longitude / easting</source>
        <translation>Longitude / abscisse</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="51"/>
        <source>Latitude / northing</source>
        <translation>Latitude / ordonnée</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="58"/>
        <source>Label scheme</source>
        <translation>Nomenclature des libellés</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="59"/>
        <source>(from the label column)</source>
        <translation>(d'après la colonne de libellé)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="62"/>
        <source>Or one category for every row</source>
        <translation>Ou une catégorie pour toutes les lignes</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="66"/>
        <source>Date format</source>
        <translation>Format de date</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="67"/>
        <source>an instant</source>
        <translation>un instant</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="67"/>
        <source>a calendar month</source>
        <translation>un mois calendaire</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="67"/>
        <source>a day</source>
        <translation>un jour</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="70"/>
        <source>Each date is</source>
        <translation>Chaque date est</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="72"/>
        <source>Coordinates are</source>
        <translation>Les coordonnées sont</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="99"/>
        <source>Mapping edited: this import uses your mapping. Save it as a profile for your partner to import next month&apos;s file in one click.</source>
        <translation>Correspondance modifiée : cet import utilise votre correspondance. Enregistrez-la comme profil de votre partenaire pour importer le fichier du mois prochain en un clic.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="115"/>
        <source>(derive from the row)</source>
        <translation>(dériver de la ligne)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="116"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="134"/>
        <source>Pick the column for each part of the record.</source>
        <translation>Choisissez la colonne de chaque partie de l'enregistrement.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="167"/>
        <source>Custom mapping</source>
        <translation>Correspondance personnalisée</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="73"/>
        <source>Location description</source>
        <translation>Description du lieu</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="74"/>
        <source>LSOA code</source>
        <translation>Code LSOA</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="74"/>
        <source>Ward code</source>
        <translation>Code de quartier</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="75"/>
        <source>Outcome</source>
        <translation>Suite donnée</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="76"/>
        <source>Free text (restricted)</source>
        <translation>Texte libre (restreint)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/mapping_form.py" line="77"/>
        <source>Exact address (restricted)</source>
        <translation>Adresse exacte (restreinte)</translation>
    </message>
</context>
<context>
    <name>NearRepeatAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="38"/>
        <source>Repeats and near repeats</source>
        <translation>Répétitions et quasi-répétitions</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="41"/>
        <source>Near repeats (Knox test)</source>
        <translation>Quasi-répétitions (test de Knox)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="44"/>
        <source>&lt;p&gt;Do incidents close in space also happen close in time more often than chance? (Burglary&apos;s near-repeat pattern: after one break-in, neighbours are at higher risk for a few weeks.) Every pair of incidents is placed in a distance band and a time band; the observed pair counts are compared with the counts when the dates are shuffled among the incidents (Monte Carlo permutations, seeded).&lt;/p&gt;&lt;p&gt;Output per band pair: observed and expected pairs, the &lt;b&gt;Knox ratio&lt;/b&gt; (observed / expected; above 1 means more near repeats than chance) and the p-value (k + 1) / (n + 1), k being the permutations that reached the observed count. Significant cells (p &amp;le; 0.05) are starred in the chart.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Band edges&lt;/b&gt;: lower bound included, upper excluded: with 100 m and 7 day bands the first cell holds pairs 0 to 99.99 m and 0 to 6.99 days apart, the next 100 to 199.99 m, and so on (some calculators label these off by one). Pairs farther apart than the last bands are not counted. Distances are Euclidean or Manhattan (along a street grid).&lt;/p&gt;&lt;p&gt;Needs dates with times, or at least days: police.uk&apos;s months give no near-repeat information.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les incidents proches dans l'espace se produisent-ils aussi proches dans le temps plus souvent que le hasard ne le voudrait ? (Le schéma de répétition proche du cambriolage : après une effraction, les voisins sont plus exposés pendant quelques semaines.) Chaque paire d'incidents est placée dans une classe de distance et une classe de temps ; les effectifs de paires observés sont comparés à ceux obtenus en permutant les dates entre les incidents (permutations de Monte-Carlo, avec graine).&lt;/p&gt;&lt;p&gt;Sortie par couple de classes : paires observées et attendues, le &lt;b&gt;rapport de Knox&lt;/b&gt; (observé / attendu ; au-dessus de 1, plus de répétitions proches que le hasard) et la valeur p (k + 1) / (n + 1), k étant le nombre de permutations ayant atteint l'effectif observé. Les cellules significatives (p &amp;le; 0,05) sont marquées d'une étoile dans le graphique.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Bornes des classes&lt;/b&gt; : borne inférieure incluse, supérieure exclue : avec des classes de 100 m et de 7 jours, la première cellule contient les paires distantes de 0 à 99,99 m et de 0 à 6,99 jours, la suivante de 100 à 199,99 m, et ainsi de suite (certains calculateurs les étiquettent avec un décalage d'une unité). Les paires plus éloignées que les dernières classes ne sont pas comptées. Les distances sont euclidiennes ou de Manhattan (le long d'un réseau de rues en grille).&lt;/p&gt;&lt;p&gt;Il faut des dates avec heures, ou au moins des jours : les mois de police.uk ne donnent aucune information de répétition proche.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="64"/>
        <source>Distance band width</source>
        <translation>Largeur des classes de distance</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="67"/>
        <source>Number of distance bands</source>
        <translation>Nombre de classes de distance</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="70"/>
        <source>Time band width (days)</source>
        <translation>Largeur des classes de temps (jours)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="73"/>
        <source>Number of time bands</source>
        <translation>Nombre de classes de temps</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="76"/>
        <source>Distance</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="76"/>
        <source>Euclidean (straight line)</source>
        <translation>Euclidienne (à vol d'oiseau)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="76"/>
        <source>Manhattan (street grid)</source>
        <translation>Manhattan (grille de rues)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="80"/>
        <source>Monte Carlo permutations</source>
        <translation>Permutations de Monte-Carlo</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="83"/>
        <source>Random seed</source>
        <translation>Graine aléatoire</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="87"/>
        <source>Knox table</source>
        <translation>Table de Knox</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="89"/>
        <source>Heat grid chart</source>
        <translation>Grille de chaleur</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="89"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="120"/>
        <source>{} incidents, {} pairs within {:g}; {} permutations, seed {}.</source>
        <translation>{} incidents, {} paires à moins de {:g} ; {} permutations, graine {}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/near_repeat.py" line="142"/>
        <source>Near repeats: Knox ratios ({} permutations)</source>
        <translation>Quasi-répétitions : rapports de Knox ({} permutations)</translation>
    </message>
</context>
<context>
    <name>ProblemProfileAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="59"/>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="62"/>
        <source>Problem profile (SARA, PDF)</source>
        <translation>Profil de problème (SARA, PDF)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="86"/>
        <source>Area (polygons, any CRS)</source>
        <translation>Zone (polygones, tout SCR)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="88"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="89"/>
        <source>Until (excluded)</source>
        <translation>Jusqu'au (exclu)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="90"/>
        <source>Categories (comma separated; empty: all)</source>
        <translation>Catégories (séparées par des virgules ; vide : toutes)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="93"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="95"/>
        <source>Density bandwidth</source>
        <translation>Largeur de bande de la densité</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="98"/>
        <source>Density cell size</source>
        <translation>Taille de cellule de la densité</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="108"/>
        <source>Profile (PDF)</source>
        <translation>Profil (PDF)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="108"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="110"/>
        <source>Folder for the parts</source>
        <translation>Dossier des éléments</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="112"/>
        <source>Incidents profiled</source>
        <translation>Incidents profilés</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="125"/>
        <source>Give a period: From before Until.</source>
        <translation>Donnez une période : « Du » avant « Jusqu'au ».</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="168"/>
        <source>{} incidents profiled; {}</source>
        <translation>{} incidents profilés ; {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="105"/>
        <source>Base layers drawn under the incidents (optional: roads, buildings...)</source>
        <translation>Couches de fond dessinées sous les incidents (facultatives : routes, bâtiments...)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="68"/>
        <source>&lt;p&gt;A problem profile for a problem-solving group, laid out along SARA: &lt;b&gt;Scanning&lt;/b&gt; (how many incidents of which categories, the monthly trend and whether it is significant: Mann-Kendall with Sen&apos;s slope), &lt;b&gt;Analysis&lt;/b&gt; (a map of the incidents over their kernel density surface and the area&apos;s boundary; the most repeated locations; the hour x weekday profile), then &lt;b&gt;Response&lt;/b&gt; and &lt;b&gt;Assessment&lt;/b&gt; boxes for the group to fill in, and the incidents with the input layer&apos;s fields: a SCRIBE layer carries exactly what the reader is cleared to see (the PDF shows the first few fields, incidents.csv in the folder all of them).&lt;/p&gt;&lt;p&gt;With a victim (or property, vehicle) identifier field, the profile lists the repeat victims: those with more than one incident in the period.&lt;/p&gt;&lt;p&gt;The folder receives the parts: charts (PNG), tables (CSV) and the density surface (GeoTIFF with its style). A period or area without incidents gives a profile that says so.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un profil de problème pour un groupe de résolution de problèmes, organisé selon SARA : &lt;b&gt;Scanning&lt;/b&gt; (combien d'incidents, de quelles catégories, la tendance mensuelle et sa significativité : Mann-Kendall avec la pente de Sen), &lt;b&gt;Analysis&lt;/b&gt; (une carte des incidents sur leur surface de densité par noyau et la limite de la zone ; les lieux les plus répétés ; le profil heure x jour de la semaine), puis des encadrés &lt;b&gt;Response&lt;/b&gt; et &lt;b&gt;Assessment&lt;/b&gt; à remplir par le groupe, et les incidents avec les champs de la couche d'entrée : une couche SCRIBE contient exactement ce que le lecteur est habilité à voir (le PDF montre les premiers champs, incidents.csv dans le dossier les contient tous).&lt;/p&gt;&lt;p&gt;Avec un champ identifiant la victime (ou le bien, le véhicule), le profil liste les victimes répétées : celles qui ont plus d'un incident sur la période.&lt;/p&gt;&lt;p&gt;Le dossier reçoit les éléments : graphiques (PNG), tables (CSV) et la surface de densité (GeoTIFF avec son style). Une période ou une zone sans incident donne un profil qui le dit.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/problem_profile.py" line="101"/>
        <source>Victim (or property) identifier field, for repeat victims (optional)</source>
        <translation>Champ identifiant la victime (ou le bien), pour les victimes répétées (facultatif)</translation>
    </message>
</context>
<context>
    <name>PurposeDialog</name>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="179"/>
        <source>SCRIBE: purpose of access</source>
        <translation>SCRIBE : finalité de l’accès</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="181"/>
        <source>State why you are accessing incident data today. It is recorded with everything you do until it expires (at the latest at midnight).</source>
        <translation>Indiquez pourquoi vous accédez aux données d’incidents aujourd’hui. Elle est enregistrée avec tout ce que vous faites jusqu’à son expiration (au plus tard à minuit).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="199"/>
        <source>State the purpose in 5 to 500 characters.</source>
        <translation>Indiquez la finalité en 5 à 500 caractères.</translation>
    </message>
</context>
<context>
    <name>RepeatLocationsAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="32"/>
        <source>Repeats and near repeats</source>
        <translation>Répétitions et quasi-répétitions</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="60"/>
        <source>Repeat locations</source>
        <translation>Lieux répétés</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="38"/>
        <source>&lt;p&gt;Which places keep having incidents? Incidents at the same point (police.uk&apos;s snap points, an address) or within a tolerance of each other (chains of points each within the tolerance, so a place recorded with slightly different coordinates counts once) are grouped; places with at least the minimum number of incidents in the time window are ranked, most first.&lt;/p&gt;&lt;p&gt;Each place gets its count, its share of all incidents in the window and the cumulative share down the ranking: the &quot;hot spots and hot streets&quot; view (how few places hold most of the crime). The log reports how many places hold half and 80% of the incidents. A place&apos;s point is its most used exact point.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Quels lieux connaissent des incidents à répétition ? Les incidents au même point (les points d'accroche de police.uk, une adresse) ou à moins d'une tolérance les uns des autres (des chaînes de points chacun à moins de la tolérance, pour qu'un lieu enregistré avec des coordonnées légèrement différentes compte une seule fois) sont regroupés ; les lieux ayant au moins le nombre minimal d'incidents dans la fenêtre de temps sont classés, du plus touché au moins touché.&lt;/p&gt;&lt;p&gt;Chaque lieu reçoit son effectif, sa part de tous les incidents de la fenêtre et la part cumulée le long du classement : la vue « lieux chauds et rues chaudes » (combien peu de lieux concentrent l'essentiel des délits). Le journal indique combien de lieux concentrent la moitié et 80 % des incidents. Le point d'un lieu est son point exact le plus utilisé.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="51"/>
        <source>Same place within (0 = exactly the same point)</source>
        <translation>Même lieu à moins de (0 = exactement le même point)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="54"/>
        <source>Minimum incidents for a repeat location</source>
        <translation>Nombre minimal d'incidents pour un lieu répété</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="57"/>
        <source>Window start (optional)</source>
        <translation>Début de la fenêtre (facultatif)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="57"/>
        <source>Window end (optional, excluded)</source>
        <translation>Fin de la fenêtre (facultative, exclue)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="82"/>
        <source>The window dates are not valid.</source>
        <translation>Les dates de la fenêtre ne sont pas valides.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="86"/>
        <source>No incidents in the time window.</source>
        <translation>Aucun incident dans la fenêtre de temps.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="89"/>
        <source>A tolerance needs a CRS in metres: reproject the layer first.</source>
        <translation>Une tolérance exige un SCR en mètres : reprojetez d'abord la couche.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/repeat_locations.py" line="110"/>
        <source>{} incidents at {} places; {} repeat locations ({:.1f}% of places) hold {:.1f}% of the incidents. {} places ({:.1f}%) hold half of them, {} ({:.1f}%) hold 80%.</source>
        <translation>{} incidents en {} lieux ; {} lieux répétés ({:.1f} % des lieux) regroupent {:.1f} % des incidents. {} lieux ({:.1f} %) en regroupent la moitié, {} ({:.1f} %) 80 %.</translation>
    </message>
</context>
<context>
    <name>ScribeAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/base.py" line="94"/>
        <source>The input must be a point layer; convert polygons or lines to points (e.g. &apos;Centroids&apos;) first.</source>
        <translation>L'entrée doit être une couche de points ; convertissez d'abord les polygones ou les lignes en points (par ex. « Centroïdes »).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/base.py" line="105"/>
        <source>The input is in a geographic CRS ({}), where distances are degrees. Reproject it to a projected CRS in metres first (British National Grid, EPSG:27700, for UK data) with &apos;Reproject layer&apos;.</source>
        <translation>L'entrée est dans un SCR géographique ({}), où les distances sont en degrés. Reprojetez-la d'abord dans un SCR projeté en mètres (British National Grid, EPSG:27700, pour les données du Royaume-Uni) avec « Reprojeter une couche ».</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/base.py" line="122"/>
        <source>This algorithm needs the Python package &apos;{}&apos;, which the Python running QGIS does not have. {}</source>
        <translation>Cet algorithme a besoin du paquet Python « {} », absent du Python qui exécute QGIS. {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/base.py" line="59"/>
        <source>The output could not be recorded in the SCRIBE audit table, so nothing was written: {}</source>
        <translation>Le résultat n'a pas pu être enregistré dans la table d'audit de SCRIBE ; rien n'a donc été écrit : {}</translation>
    </message>
</context>
<context>
    <name>ScribePlugin</name>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="70"/>
        <source>SCRIBE</source>
        <translation>SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="86"/>
        <source>Analysis tools (Processing)…</source>
        <translation>Outils d'analyse (Traitements)…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="92"/>
        <source>Check Python dependencies</source>
        <translation>Vérifier les dépendances Python</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="336"/>
        <source>About SCRIBE</source>
        <translation>À propos de SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="98"/>
        <source>SCRIBE help</source>
        <translation>Aide de SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="105"/>
        <source>SCRIBE is missing Python packages: {}. {}</source>
        <translation>Il manque des paquets Python à SCRIBE : {}. {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="326"/>
        <source>All SCRIBE Python dependencies are installed.</source>
        <translation>Toutes les dépendances Python de SCRIBE sont installées.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="330"/>
        <source>SCRIBE dependencies</source>
        <translation>Dépendances de SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="330"/>
        <source>Missing packages:
{}

{}</source>
        <translation>Paquets manquants :
{}

{}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="336"/>
        <source>SCRIBE {}: shared crime, ASB and fire incident analysis for community safety partnerships.</source>
        <translation>SCRIBE {} : analyse partagée des délits, incivilités et incendies pour les partenariats de sécurité locale.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="192"/>
        <source>Enable the Processing plugin to use SCRIBE&apos;s analysis tools.</source>
        <translation>Activez l'extension Traitements pour utiliser les outils d'analyse de SCRIBE.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="84"/>
        <source>Import a partner file…</source>
        <translation>Importer le fichier d'un partenaire…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="281"/>
        <source>Sign in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="82"/>
        <source>Incident layers</source>
        <translation>Couches d’incidents</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="89"/>
        <source>Change my password…</source>
        <translation>Changer mon mot de passe…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="91"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="216"/>
        <source>Signed in as {} ({}).</source>
        <translation>Connecté en tant que {} ({}).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="231"/>
        <source>Signed out of SCRIBE: your layers keep no credentials.</source>
        <translation>Déconnecté de SCRIBE : vos couches ne conservent aucun identifiant.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="241"/>
        <source>Your SCRIBE password was changed.</source>
        <translation>Votre mot de passe SCRIBE a été changé.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="272"/>
        <source>This project has {} SCRIBE layer(s): sign in to show them.</source>
        <translation>Ce projet contient {} couche(s) SCRIBE : connectez-vous pour les afficher.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="113"/>
        <source>Share results</source>
        <translation>Partager les résultats</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="115"/>
        <source>Problem profile for a problem-solving group (SARA, PDF)…</source>
        <translation>Profil de problème pour un groupe de résolution (SARA, PDF)…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="115"/>
        <source>Download a data table (CSV, Excel)…</source>
        <translation>Télécharger un tableau de données (CSV, Excel)…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="115"/>
        <source>Anonymised extract for the public…</source>
        <translation>Extrait anonymisé pour le public…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="115"/>
        <source>Assess a response (before/after, WDQ)…</source>
        <translation>Évaluer une réponse (avant/après, WDQ)…</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/plugin.py" line="115"/>
        <source>Hotspot accuracy (PAI, RRI)…</source>
        <translation>Précision des points chauds (PAI, RRI)…</translation>
    </message>
</context>
<context>
    <name>ScribeProvider</name>
    <message>
        <location filename="../scribe_plugin/processing/provider.py" line="47"/>
        <source>SCRIBE community safety analysis</source>
        <translation>SCRIBE, analyse de la sécurité locale</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="36"/>
        <source>Sign in to SCRIBE</source>
        <translation>Se connecter à SCRIBE</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="45"/>
        <source>optional: a pg_service.conf service</source>
        <translation>facultatif : un service pg_service.conf</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="49"/>
        <source>CA certificates (*.pem *.crt *.cer)</source>
        <translation>Certificats d’autorité (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="54"/>
        <source>Remember my password (in the system keyring)</source>
        <translation>Mémoriser mon mot de passe (dans le trousseau du système)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>Server profile</source>
        <translation>Profil de serveur</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>TLS mode</source>
        <translation>Mode TLS</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>CA certificate</source>
        <translation>Certificat d’autorité</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="56"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="71"/>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="101"/>
        <source>verify-ca does not check the server&apos;s name: another server with a certificate from the same authority could pose as the store.</source>
        <translation>verify-ca ne vérifie pas le nom du serveur : un autre serveur muni d’un certificat de la même autorité pourrait se faire passer pour l’entrepôt.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="104"/>
        <source>require does not check who the server is: a machine in the middle could read your password and the data.</source>
        <translation>require ne vérifie pas l’identité du serveur : une machine intermédiaire pourrait lire votre mot de passe et les données.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="106"/>
        <source>prefer may connect without encryption: your password and the data could cross the network in clear.</source>
        <translation>prefer peut se connecter sans chiffrement : votre mot de passe et les données pourraient circuler en clair.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="108"/>
        <source>allow may connect without encryption: your password and the data could cross the network in clear.</source>
        <translation>allow peut se connecter sans chiffrement : votre mot de passe et les données pourraient circuler en clair.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="110"/>
        <source>disable never encrypts: your password and the data cross the network in clear.</source>
        <translation>disable ne chiffre jamais : votre mot de passe et les données circulent en clair.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="114"/>
        <source>Weakened security: </source>
        <translation>Sécurité affaiblie : </translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="127"/>
        <source>The user name or password is wrong.</source>
        <translation>Le nom d’utilisateur ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="128"/>
        <source>Your access request has not been vetted yet. Your SCRIBE administrator will tell you when you can sign in.</source>
        <translation>Votre demande d’accès n’a pas encore été validée. Votre administrateur SCRIBE vous dira quand vous pourrez vous connecter.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="130"/>
        <source>Your SCRIBE account is suspended. Contact your SCRIBE administrator.</source>
        <translation>Votre compte SCRIBE est suspendu. Contactez votre administrateur SCRIBE.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="132"/>
        <source>Your vetting has expired. Ask your SCRIBE administrator to renew it.</source>
        <translation>Votre habilitation a expiré. Demandez à votre administrateur SCRIBE de la renouveler.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="134"/>
        <source>The server cannot be reached: check the host, port, your network or VPN.</source>
        <translation>Le serveur est injoignable : vérifiez l’hôte, le port, votre réseau ou VPN.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="136"/>
        <source>The server&apos;s certificate is not trusted: check the CA certificate file and the host name.</source>
        <translation>Le certificat du serveur n’est pas reconnu : vérifiez le fichier du certificat d’autorité et le nom d’hôte.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="138"/>
        <source>The server refuses this connection (it may require TLS, or not accept you from this network).</source>
        <translation>Le serveur refuse cette connexion (il exige peut-être TLS, ou n’accepte pas ce réseau).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="140"/>
        <source>You have too many SCRIBE sessions open: close some QGIS windows and try again.</source>
        <translation>Vous avez trop de sessions SCRIBE ouvertes : fermez des fenêtres QGIS et réessayez.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="142"/>
        <source>This database is not a SCRIBE store, or its schema is older than this plugin.</source>
        <translation>Cette base n’est pas un entrepôt SCRIBE, ou son schéma est plus ancien que cette extension.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="147"/>
        <source>(Vetting expired on {}.)</source>
        <translation>(Habilitation expirée le {}.)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="155"/>
        <source>Check the server profile: {}</source>
        <translation>Vérifiez le profil de serveur : {}</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/gui/sign_in_dialog.py" line="168"/>
        <source>Your password was not remembered: {}</source>
        <translation>Votre mot de passe n’a pas été mémorisé : {}</translation>
    </message>
</context>
<context>
    <name>TemporalProfileAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="25"/>
        <source>Temporal profile (hour x weekday)</source>
        <translation>Profil temporel (heure x jour de semaine)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="28"/>
        <source>&lt;p&gt;When in the week do incidents happen? A 7 x 24 table and heat grid of incidents by day of week (Monday first) and hour of day, in the partnership&apos;s time zone.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Aoristic apportioning&lt;/b&gt; (Ratcliffe 2002): a burglary discovered after a weekend only has a window (occurred_from to occurred_to). Each incident counts once in total, shared between the hours of its window in proportion to the time spent in each: 02:30-04:30 gives 30 minutes to 02:00, 60 to 03:00 and 30 to 04:00, so 0.25, 0.5 and 0.25 of an incident. Incidents without an end time, or ending when they start, count fully in their hour. Windows longer than the maximum are left out (reported), since a fortnight&apos;s window says nothing about the hour.&lt;/p&gt;&lt;p&gt;Note: police.uk data carries the month only; its profile is meaningless.&lt;/p&gt;</source>
        <translation>&lt;p&gt;À quel moment de la semaine les incidents se produisent-ils ? Une table 7 x 24 et une grille de chaleur des incidents par jour de la semaine (lundi en premier) et heure du jour, dans le fuseau horaire du partenariat.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Répartition aoristique&lt;/b&gt; (Ratcliffe 2002) : un cambriolage découvert après un week-end n'a qu'une fenêtre (occurred_from à occurred_to). Chaque incident compte une fois au total, réparti entre les heures de sa fenêtre en proportion du temps passé dans chacune : 02:30-04:30 donne 30 minutes à 02:00, 60 à 03:00 et 30 à 04:00, soit 0,25, 0,5 et 0,25 d'incident. Les incidents sans heure de fin, ou finissant à leur début, comptent entièrement dans leur heure. Les fenêtres plus longues que le maximum sont laissées de côté (et signalées), car une fenêtre de quinze jours ne dit rien de l'heure.&lt;/p&gt;&lt;p&gt;Remarque : les données police.uk ne portent que le mois ; leur profil n'a pas de sens.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="44"/>
        <source>Longest time window to apportion, hours (0 = any)</source>
        <translation>Plus longue fenêtre temporelle répartie, en heures (0 = toutes)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="47"/>
        <source>Hour x weekday table</source>
        <translation>Tableau heure x jour de semaine</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="49"/>
        <source>Heat grid chart</source>
        <translation>Grille de chaleur</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="49"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="57"/>
        <source>{} incidents at a known time, {} apportioned over their time window.</source>
        <translation>{} incidents à heure connue, {} répartis sur leur fenêtre temporelle.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="60"/>
        <source>{} incidents with a window longer than {:g} hours were left out.</source>
        <translation>{} incidents dont la fenêtre dépasse {:g} heures ont été exclus.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="64"/>
        <source>{} of {} incidents are at exactly 00:00: the field probably holds dates without times, and the profile will show a false midnight peak.</source>
        <translation>{} incidents sur {} sont à 00:00 exactement : le champ contient sans doute des dates sans heure, et le profil montrera un faux pic à minuit.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/temporal_profile.py" line="80"/>
        <source>Incidents by hour and day of week</source>
        <translation>Incidents par heure et jour de la semaine</translation>
    </message>
</context>
<context>
    <name>TrendTestAlgorithm</name>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="34"/>
        <source>Trend test (Mann-Kendall and Sen&apos;s slope)</source>
        <translation>Test de tendance (Mann-Kendall et pente de Sen)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="37"/>
        <source>&lt;p&gt;Is crime going up or down, and where? Counts incidents per week, month or quarter in each area (or grid cell) and tests each series for a monotonic trend with the Mann-Kendall test, which needs no assumption about the counts&apos; distribution. Output: the areas as polygons with the trend direction, p-value and slope, styled red (increasing) / blue (decreasing).&lt;/p&gt;&lt;h3&gt;Methods&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Original&lt;/b&gt;: Mann-Kendall with the tie correction of Var(S) (counts tie a lot); z with continuity correction, two-sided normal p.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Hamed-Rao&lt;/b&gt;: Var(S) multiplied by n/n*s of Hamed &amp;amp; Rao (1998) for autocorrelated series: autocorrelations of the ranks of the Sen-detrended series, significant ones only, signed as in the paper. &apos;Lags&apos; limits them to the first few (0 = all).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Seasonal&lt;/b&gt;: Hirsch-Slack seasonal Mann-Kendall: each month of the year (quarter, week) is tested against itself across years and the scores summed, so a summer peak is not mistaken for a trend. Needs two full years.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;slope&lt;/b&gt; is Sen&apos;s slope in incidents per period (seasonal: per year), &lt;b&gt;intercept&lt;/b&gt; Conover&apos;s, &lt;b&gt;tau&lt;/b&gt; Kendall&apos;s tau. Every period from the first to the last incident counts, zeros included. Areas (or cells) with fewer incidents than the minimum are left out: a trend in three burglaries is noise.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Les délits augmentent-ils ou diminuent-ils, et où ? Compte les incidents par semaine, mois ou trimestre dans chaque zone (ou cellule de grille) et teste chaque série pour une tendance monotone avec le test de Mann-Kendall, qui ne suppose rien de la distribution des effectifs. Sortie : les zones en polygones avec le sens de la tendance, la valeur p et la pente, symbolisées en rouge (hausse) / bleu (baisse).&lt;/p&gt;&lt;h3&gt;Méthodes&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Original&lt;/b&gt; : Mann-Kendall avec la correction des ex aequo de Var(S) (les effectifs sont souvent égaux) ; z avec correction de continuité, p normale bilatérale.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Hamed-Rao&lt;/b&gt; : Var(S) multipliée par le n/n*s de Hamed &amp;amp; Rao (1998) pour les séries autocorrélées : autocorrélations des rangs de la série sans tendance de Sen, les seules significatives, signées comme dans l'article. « Décalages » les limite aux premières (0 = toutes).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Saisonnier&lt;/b&gt; : le Mann-Kendall saisonnier de Hirsch-Slack : chaque mois de l'année (trimestre, semaine) est testé contre lui-même d'une année à l'autre et les scores sont additionnés, pour qu'un pic estival ne soit pas pris pour une tendance. Il faut deux années complètes.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;slope&lt;/b&gt; est la pente de Sen en incidents par période (saisonnier : par an), &lt;b&gt;intercept&lt;/b&gt; l'ordonnée à l'origine de Conover, &lt;b&gt;tau&lt;/b&gt; le tau de Kendall. Chaque période du premier au dernier incident compte, zéros compris. Les zones (ou cellules) ayant moins d'incidents que le minimum sont laissées de côté : une tendance sur trois cambriolages n'est que du bruit.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="61"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="61"/>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="61"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="61"/>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="64"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="64"/>
        <source>Original (tie-corrected)</source>
        <translation>Original (corrigé des ex aequo)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="64"/>
        <source>Hamed-Rao autocorrelation correction</source>
        <translation>Correction d'autocorrélation de Hamed-Rao</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="64"/>
        <source>Seasonal (Hirsch-Slack)</source>
        <translation>Saisonnier (Hirsch-Slack)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="69"/>
        <source>Significance level</source>
        <translation>Seuil de signification</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="72"/>
        <source>Hamed-Rao: autocorrelation lags (0 = all)</source>
        <translation>Hamed-Rao : décalages d'autocorrélation (0 = tous)</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="77"/>
        <source>Minimum incidents per area</source>
        <translation>Nombre minimal d'incidents par zone</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="80"/>
        <source>Trends</source>
        <translation>Tendances</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="95"/>
        <source>The incidents cover only {} {}(s) ({} to {}); a trend needs at least 3.</source>
        <translation>Les incidents ne couvrent que {} période(s) ({}, de {} à {}) ; une tendance en exige au moins 3.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="99"/>
        <source>The seasonal test needs two full years of {}s; the incidents cover {}.</source>
        <translation>Le test saisonnier exige deux années complètes (période : {}) ; les incidents en couvrent {}.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="105"/>
        <source>No area has at least {} incidents; lower the minimum or use larger areas.</source>
        <translation>Aucune zone n'a au moins {} incidents ; baissez le minimum ou utilisez des zones plus grandes.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="108"/>
        <source>Testing {} areas over {} {}s ({} to {}).</source>
        <translation>Test de {} zones sur {} périodes ({}, de {} à {}).</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="132"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../scribe_plugin/processing/algorithms/trend_test.py" line="134"/>
        <source>{} increasing, {} decreasing, {} without a significant trend.</source>
        <translation>{} en hausse, {} en baisse, {} sans tendance significative.</translation>
    </message>
</context>
</TS>
