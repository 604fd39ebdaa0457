//! Models of the `eligibility` API group (`POST /eligibility/`, an X12 270/271 exchange), and
//! the raw X12 wrappers and X12 error shapes shared by the X12-backed APIs.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Number, Value};

use crate::Meta;
use crate::models::common::{Address, Date, Extra, Member, Money, Provider, open_enum};

open_enum! {
    /// A service type of the eligibility API (X12 EB03 / EQ01), e.g.
    /// `health_benefit_plan_coverage` (X12 code `30`). All 244 documented values; see
    /// [`ServiceType::x12_code`] and [`ServiceType::from_x12_code`].
    pub enum ServiceType {
        /// `abortion` (X12 `84`).
        Abortion = "abortion",
        /// `acupuncture` (X12 `64`).
        Acupuncture = "acupuncture",
        /// `adjunctive_dental_services` (X12 `28`).
        AdjunctiveDentalServices = "adjunctive_dental_services",
        /// `aids` (X12 `85`).
        Aids = "aids",
        /// `air_transportation` (X12 `57`).
        AirTransportation = "air_transportation",
        /// `alcoholism` (X12 `AJ`).
        Alcoholism = "alcoholism",
        /// `allergy` (X12 `GY`).
        Allergy = "allergy",
        /// `allergy_testing` (X12 `79`).
        AllergyTesting = "allergy_testing",
        /// `allied_behavioral_analysis_therapy` (X12 `E0`).
        AlliedBehavioralAnalysisTherapy = "allied_behavioral_analysis_therapy",
        /// `alternate_method_dialysis` (X12 `15`).
        AlternateMethodDialysis = "alternate_method_dialysis",
        /// `ambulatory_service_facility` (X12 `13`).
        AmbulatoryServiceFacility = "ambulatory_service_facility",
        /// `anesthesia` (X12 `7`).
        Anesthesia = "anesthesia",
        /// `anesthesiologist` (X12 `97`).
        Anesthesiologist = "anesthesiologist",
        /// `audiology_exam` (X12 `71`).
        AudiologyExam = "audiology_exam",
        /// `basic_restorative_dental` (X12 `E12`).
        BasicRestorativeDental = "basic_restorative_dental",
        /// `blood_charges` (X12 `10`).
        BloodCharges = "blood_charges",
        /// `brand_name_prescription_drug` (X12 `91`).
        BrandNamePrescriptionDrug = "brand_name_prescription_drug",
        /// `brand_name_prescription_drug_formulary` (X12 `B2`).
        BrandNamePrescriptionDrugFormulary = "brand_name_prescription_drug_formulary",
        /// `brand_name_prescription_drug_non_formulary` (X12 `B3`).
        BrandNamePrescriptionDrugNonFormulary = "brand_name_prescription_drug_non_formulary",
        /// `burn_care` (X12 `B1`).
        BurnCare = "burn_care",
        /// `cabulance` (X12 `58`).
        Cabulance = "cabulance",
        /// `cancer` (X12 `87`).
        Cancer = "cancer",
        /// `cardiac` (X12 `BL`).
        Cardiac = "cardiac",
        /// `cardiac_rehabilitation` (X12 `BG`).
        CardiacRehabilitation = "cardiac_rehabilitation",
        /// `case_management` (X12 `CQ`).
        CaseManagement = "case_management",
        /// `cat_scan` (X12 `ED`).
        CatScan = "cat_scan",
        /// `chemotherapy` (X12 `78`).
        Chemotherapy = "chemotherapy",
        /// `chiropractic` (X12 `33`).
        Chiropractic = "chiropractic",
        /// `chiropractic_office_visits` (X12 `34`).
        ChiropracticOfficeVisits = "chiropractic_office_visits",
        /// `chronic_renal_disease_equipment` (X12 `16`).
        ChronicRenalDiseaseEquipment = "chronic_renal_disease_equipment",
        /// `cognitive_therapy` (X12 `BD`).
        CognitiveTherapy = "cognitive_therapy",
        /// `comprehensive_medication_therapy_management_review` (X12 `E26`).
        ComprehensiveMedicationTherapyManagementReview = "comprehensive_medication_therapy_management_review",
        /// `consultation` (X12 `3`).
        Consultation = "consultation",
        /// `contact_lenses` (X12 `EF`).
        ContactLenses = "contact_lenses",
        /// `convenience_care` (X12 `E36`).
        ConvenienceCare = "convenience_care",
        /// `coronary_care` (X12 `C1`).
        CoronaryCare = "coronary_care",
        /// `day_care_psychiatric` (X12 `BC`).
        DayCarePsychiatric = "day_care_psychiatric",
        /// `dental_accident` (X12 `37`).
        DentalAccident = "dental_accident",
        /// `dental_care` (X12 `35`).
        DentalCare = "dental_care",
        /// `dental_coverage` (X12 `F3`).
        DentalCoverage = "dental_coverage",
        /// `dental_crowns` (X12 `36`).
        DentalCrowns = "dental_crowns",
        /// `dental_implants` (X12 `E22`).
        DentalImplants = "dental_implants",
        /// `dental_prophylaxis` (X12 `E18`).
        DentalProphylaxis = "dental_prophylaxis",
        /// `dermatology` (X12 `DG`).
        Dermatology = "dermatology",
        /// `diabetic_education` (X12 `E39`).
        DiabeticEducation = "diabetic_education",
        /// `diabetic_supplies` (X12 `DS`).
        DiabeticSupplies = "diabetic_supplies",
        /// `diagnostic_dental` (X12 `23`).
        DiagnosticDental = "diagnostic_dental",
        /// `diagnostic_imaging` (X12 `E11`).
        DiagnosticImaging = "diagnostic_imaging",
        /// `diagnostic_lab` (X12 `5`).
        DiagnosticLab = "diagnostic_lab",
        /// `diagnostic_medical` (X12 `73`).
        DiagnosticMedical = "diagnostic_medical",
        /// `diagnostic_x_ray` (X12 `4`).
        DiagnosticXRay = "diagnostic_x_ray",
        /// `dialysis` (X12 `76`).
        Dialysis = "dialysis",
        /// `dietary_nutritional_services` (X12 `E28`).
        DietaryNutritionalServices = "dietary_nutritional_services",
        /// `donor_procedures` (X12 `63`).
        DonorProcedures = "donor_procedures",
        /// `drug_addiction` (X12 `AK`).
        DrugAddiction = "drug_addiction",
        /// `durable_medical_equipment_new` (X12 `EC`).
        DurableMedicalEquipmentNew = "durable_medical_equipment_new",
        /// `emergency_services` (X12 `86`).
        EmergencyServices = "emergency_services",
        /// `endocrine` (X12 `BP`).
        Endocrine = "endocrine",
        /// `endodontics` (X12 `26`).
        Endodontics = "endodontics",
        /// `experimental_drug_therapy` (X12 `AR`).
        ExperimentalDrugTherapy = "experimental_drug_therapy",
        /// `eye` (X12 `BR`).
        Eye = "eye",
        /// `eyewear_and_accessories` (X12 `CP`).
        EyewearAndAccessories = "eyewear_and_accessories",
        /// `family_planning` (X12 `82`).
        FamilyPlanning = "family_planning",
        /// `fixed_prosthodontics` (X12 `E14`).
        FixedProsthodontics = "fixed_prosthodontics",
        /// `flouride_treatments` (X12 `E21`).
        FlourideTreatments = "flouride_treatments",
        /// `flu_vaccination` (X12 `CO`).
        FluVaccination = "flu_vaccination",
        /// `frames` (X12 `AM`).
        Frames = "frames",
        /// `free_standing_prescription_drug` (X12 `89`).
        FreeStandingPrescriptionDrug = "free_standing_prescription_drug",
        /// `gastrointestinal` (X12 `BN`).
        Gastrointestinal = "gastrointestinal",
        /// `general_benefits` (X12 `60`).
        GeneralBenefits = "general_benefits",
        /// `generic_prescription_drug` (X12 `92`).
        GenericPrescriptionDrug = "generic_prescription_drug",
        /// `generic_prescription_drug_formulary` (X12 `GF`).
        GenericPrescriptionDrugFormulary = "generic_prescription_drug_formulary",
        /// `generic_prescription_drug_non_formulary` (X12 `GN`).
        GenericPrescriptionDrugNonFormulary = "generic_prescription_drug_non_formulary",
        /// `gynecological` (X12 `BT`).
        Gynecological = "gynecological",
        /// `health_benefit_plan_coverage` (X12 `30`).
        HealthBenefitPlanCoverage = "health_benefit_plan_coverage",
        /// `hearing_coverage` (X12 `F4`).
        HearingCoverage = "hearing_coverage",
        /// `home_health_care` (X12 `42`).
        HomeHealthCare = "home_health_care",
        /// `home_health_prescriptions` (X12 `43`).
        HomeHealthPrescriptions = "home_health_prescriptions",
        /// `home_health_visits` (X12 `44`).
        HomeHealthVisits = "home_health_visits",
        /// `hospice` (X12 `45`).
        Hospice = "hospice",
        /// `hospital` (X12 `47`).
        Hospital = "hospital",
        /// `hospital_ambulatory_surgical` (X12 `53`).
        HospitalAmbulatorySurgical = "hospital_ambulatory_surgical",
        /// `hospital_emergency_accident` (X12 `51`).
        HospitalEmergencyAccident = "hospital_emergency_accident",
        /// `hospital_emergency_medical` (X12 `52`).
        HospitalEmergencyMedical = "hospital_emergency_medical",
        /// `hospital_inpatient` (X12 `48`).
        HospitalInpatient = "hospital_inpatient",
        /// `hospital_outpatient` (X12 `50`).
        HospitalOutpatient = "hospital_outpatient",
        /// `hospital_room_and_board` (X12 `49`).
        HospitalRoomAndBoard = "hospital_room_and_board",
        /// `immunizations` (X12 `80`).
        Immunizations = "immunizations",
        /// `in_vitro_fertilization` (X12 `61`).
        InVitroFertilization = "in_vitro_fertilization",
        /// `independent_medical_evaluation` (X12 `BA`).
        IndependentMedicalEvaluation = "independent_medical_evaluation",
        /// `infertility` (X12 `83`).
        Infertility = "infertility",
        /// `inhalation_therapy` (X12 `72`).
        InhalationTherapy = "inhalation_therapy",
        /// `intensive_cardiac_rehabilitation` (X12 `E33`).
        IntensiveCardiacRehabilitation = "intensive_cardiac_rehabilitation",
        /// `intensive_cardiac_rehabilitation_technical_component` (X12 `E32`).
        IntensiveCardiacRehabilitationTechnicalComponent = "intensive_cardiac_rehabilitation_technical_component",
        /// `intensive_care` (X12 `IC`).
        IntensiveCare = "intensive_care",
        /// `intraoral_images_complete_series` (X12 `E16`).
        IntraoralImagesCompleteSeries = "intraoral_images_complete_series",
        /// `invasive_procedures` (X12 `BS`).
        InvasiveProcedures = "invasive_procedures",
        /// `lenses` (X12 `AO`).
        Lenses = "lenses",
        /// `level_of_care_1` (X12 `E6`).
        LevelOfCare1 = "level_of_care_1",
        /// `level_of_care_2` (X12 `E7`).
        LevelOfCare2 = "level_of_care_2",
        /// `level_of_care_3` (X12 `E8`).
        LevelOfCare3 = "level_of_care_3",
        /// `level_of_care_4` (X12 `E9`).
        LevelOfCare4 = "level_of_care_4",
        /// `licensed_ambulance` (X12 `59`).
        LicensedAmbulance = "licensed_ambulance",
        /// `long_term_care` (X12 `54`).
        LongTermCare = "long_term_care",
        /// `long_term_care_pharmacy` (X12 `E25`).
        LongTermCarePharmacy = "long_term_care_pharmacy",
        /// `lymphatic` (X12 `BM`).
        Lymphatic = "lymphatic",
        /// `mail_order_prescription_drug` (X12 `BX`).
        MailOrderPrescriptionDrug = "mail_order_prescription_drug",
        /// `mail_order_prescription_drug_brand_name` (X12 `90`).
        MailOrderPrescriptionDrugBrandName = "mail_order_prescription_drug_brand_name",
        /// `mail_order_prescription_drug_generic` (X12 `BW`).
        MailOrderPrescriptionDrugGeneric = "mail_order_prescription_drug_generic",
        /// `major_medical` (X12 `55`).
        MajorMedical = "major_medical",
        /// `major_restorative_dental` (X12 `E13`).
        MajorRestorativeDental = "major_restorative_dental",
        /// `mammogram_high_risk_patient` (X12 `CM`).
        MammogramHighRiskPatient = "mammogram_high_risk_patient",
        /// `mammogram_low_risk_patient` (X12 `CN`).
        MammogramLowRiskPatient = "mammogram_low_risk_patient",
        /// `massage_therapy` (X12 `BE`).
        MassageTherapy = "massage_therapy",
        /// `maternity` (X12 `69`).
        Maternity = "maternity",
        /// `maxillofacial_prosthetics` (X12 `27`).
        MaxillofacialProsthetics = "maxillofacial_prosthetics",
        /// `medical_care` (X12 `1`).
        MedicalCare = "medical_care",
        /// `medical_coverage` (X12 `F1`).
        MedicalCoverage = "medical_coverage",
        /// `medical_equipment` (X12 `DM`).
        MedicalEquipment = "medical_equipment",
        /// `medical_equipment_purchase` (X12 `12`).
        MedicalEquipmentPurchase = "medical_equipment_purchase",
        /// `medical_equipment_rental` (X12 `18`).
        MedicalEquipmentRental = "medical_equipment_rental",
        /// `medically_related_transportation` (X12 `56`).
        MedicallyRelatedTransportation = "medically_related_transportation",
        /// `mental_health` (X12 `MH`).
        MentalHealth = "mental_health",
        /// `mental_health_coverage` (X12 `F8`).
        MentalHealthCoverage = "mental_health_coverage",
        /// `mental_health_facility_inpatient` (X12 `CG`).
        MentalHealthFacilityInpatient = "mental_health_facility_inpatient",
        /// `mental_health_facility_outpatient` (X12 `CH`).
        MentalHealthFacilityOutpatient = "mental_health_facility_outpatient",
        /// `mental_health_provider_inpatient` (X12 `CE`).
        MentalHealthProviderInpatient = "mental_health_provider_inpatient",
        /// `mental_health_provider_outpatient` (X12 `CF`).
        MentalHealthProviderOutpatient = "mental_health_provider_outpatient",
        /// `mri_cat_scan` (X12 `62`).
        MriCatScan = "mri_cat_scan",
        /// `neonatal_intensive_care` (X12 `NI`).
        NeonatalIntensiveCare = "neonatal_intensive_care",
        /// `neurology` (X12 `BQ`).
        Neurology = "neurology",
        /// `newborn_care` (X12 `65`).
        NewbornCare = "newborn_care",
        /// `non_medical_equipment_non_dme` (X12 `E1`).
        NonMedicalEquipmentNonDme = "non_medical_equipment_non_dme",
        /// `nonmedically_necessary_physical` (X12 `AQ`).
        NonmedicallyNecessaryPhysical = "nonmedically_necessary_physical",
        /// `nursery` (X12 `BI`).
        Nursery = "nursery",
        /// `obstetrical` (X12 `BU`).
        Obstetrical = "obstetrical",
        /// `obstetrical_gynecological` (X12 `BV`).
        ObstetricalGynecological = "obstetrical_gynecological",
        /// `occupational_therapy` (X12 `AD`).
        OccupationalTherapy = "occupational_therapy",
        /// `oncology` (X12 `ON`).
        Oncology = "oncology",
        /// `ophthalmology` (X12 `EE`).
        Ophthalmology = "ophthalmology",
        /// `oral_evaluation` (X12 `E17`).
        OralEvaluation = "oral_evaluation",
        /// `oral_surgery` (X12 `40`).
        OralSurgery = "oral_surgery",
        /// `orthodontics` (X12 `38`).
        Orthodontics = "orthodontics",
        /// `orthodontia_coverage` (X12 `F7`).
        OrthodontiaCoverage = "orthodontia_coverage",
        /// `orthopedic` (X12 `BK`).
        Orthopedic = "orthopedic",
        /// `other_medical` (X12 `9`).
        OtherMedical = "other_medical",
        /// `otological_exam` (X12 `77`).
        OtologicalExam = "otological_exam",
        /// `panoramic_images` (X12 `E19`).
        PanoramicImages = "panoramic_images",
        /// `partial_hospitalization_psychiatric` (X12 `BB`).
        PartialHospitalizationPsychiatric = "partial_hospitalization_psychiatric",
        /// `pathology` (X12 `66`).
        Pathology = "pathology",
        /// `pediatric` (X12 `BH`).
        Pediatric = "pediatric",
        /// `periodontics` (X12 `24`).
        Periodontics = "periodontics",
        /// `pharmacist_services` (X12 `E38`).
        PharmacistServices = "pharmacist_services",
        /// `pharmacy` (X12 `88`).
        Pharmacy = "pharmacy",
        /// `physical_medicine` (X12 `AE`).
        PhysicalMedicine = "physical_medicine",
        /// `physical_therapy` (X12 `PT`).
        PhysicalTherapy = "physical_therapy",
        /// `physician_visit_office_sick` (X12 `BY`).
        PhysicianVisitOfficeSick = "physician_visit_office_sick",
        /// `physician_visit_office_well` (X12 `BZ`).
        PhysicianVisitOfficeWell = "physician_visit_office_well",
        /// `plan_waiting_period` (X12 `32`).
        PlanWaitingPeriod = "plan_waiting_period",
        /// `pneumonia_vaccine` (X12 `19`).
        PneumoniaVaccine = "pneumonia_vaccine",
        /// `podiatry` (X12 `93`).
        Podiatry = "podiatry",
        /// `podiatry_nursing_home_visits` (X12 `95`).
        PodiatryNursingHomeVisits = "podiatry_nursing_home_visits",
        /// `podiatry_office_visits` (X12 `94`).
        PodiatryOfficeVisits = "podiatry_office_visits",
        /// `positron_emission_tomography_pet_scan` (X12 `PE`).
        PositronEmissionTomographyPetScan = "positron_emission_tomography_pet_scan",
        /// `pre_admission_testing` (X12 `17`).
        PreAdmissionTesting = "pre_admission_testing",
        /// `prescription_drug_coverage` (X12 `F5`).
        PrescriptionDrugCoverage = "prescription_drug_coverage",
        /// `preventive_services` (X12 `EA`).
        PreventiveServices = "preventive_services",
        /// `private_duty_nursing` (X12 `74`).
        PrivateDutyNursing = "private_duty_nursing",
        /// `private_duty_nursing_home` (X12 `CB`).
        PrivateDutyNursingHome = "private_duty_nursing_home",
        /// `private_duty_nursing_inpatient` (X12 `CA`).
        PrivateDutyNursingInpatient = "private_duty_nursing_inpatient",
        /// `professional_cardiac_rehabilitation_services_component` (X12 `E30`).
        ProfessionalCardiacRehabilitationServicesComponent = "professional_cardiac_rehabilitation_services_component",
        /// `professional_intensive_cardiac_rehabilitation_services_component` (X12 `E31`).
        ProfessionalIntensiveCardiacRehabilitationServicesComponent = "professional_intensive_cardiac_rehabilitation_services_component",
        /// `professional_physician` (X12 `96`).
        ProfessionalPhysician = "professional_physician",
        /// `professional_physician_visit_home` (X12 `A3`).
        ProfessionalPhysicianVisitHome = "professional_physician_visit_home",
        /// `professional_physician_visit_inpatient` (X12 `99`).
        ProfessionalPhysicianVisitInpatient = "professional_physician_visit_inpatient",
        /// `professional_physician_visit_nursing_home` (X12 `A1`).
        ProfessionalPhysicianVisitNursingHome = "professional_physician_visit_nursing_home",
        /// `professional_physician_visit_office` (X12 `98`).
        ProfessionalPhysicianVisitOffice = "professional_physician_visit_office",
        /// `professional_physician_visit_outpatient` (X12 `A0`).
        ProfessionalPhysicianVisitOutpatient = "professional_physician_visit_outpatient",
        /// `professional_physician_visit_skilled_nursing_facility` (X12 `A2`).
        ProfessionalPhysicianVisitSkilledNursingFacility = "professional_physician_visit_skilled_nursing_facility",
        /// `prosthetic_device` (X12 `75`).
        ProstheticDevice = "prosthetic_device",
        /// `prosthodontics` (X12 `39`).
        Prosthodontics = "prosthodontics",
        /// `psychiatric` (X12 `A4`).
        Psychiatric = "psychiatric",
        /// `psychiatric_emergency` (X12 `E2`).
        PsychiatricEmergency = "psychiatric_emergency",
        /// `psychiatric_inpatient` (X12 `A7`).
        PsychiatricInpatient = "psychiatric_inpatient",
        /// `psychiatric_outpatient` (X12 `A8`).
        PsychiatricOutpatient = "psychiatric_outpatient",
        /// `psychiatric_room_and_board` (X12 `A5`).
        PsychiatricRoomAndBoard = "psychiatric_room_and_board",
        /// `psychotherapy` (X12 `A6`).
        Psychotherapy = "psychotherapy",
        /// `pulmonary` (X12 `PU`).
        Pulmonary = "pulmonary",
        /// `pulmonary_rehabilitation` (X12 `BF`).
        PulmonaryRehabilitation = "pulmonary_rehabilitation",
        /// `pulmonary_rehabilitation_professional_component` (X12 `E35`).
        PulmonaryRehabilitationProfessionalComponent = "pulmonary_rehabilitation_professional_component",
        /// `pulmonary_rehabilitation_technical_component` (X12 `E34`).
        PulmonaryRehabilitationTechnicalComponent = "pulmonary_rehabilitation_technical_component",
        /// `radiation_therapy` (X12 `6`).
        RadiationTherapy = "radiation_therapy",
        /// `radiographs` (X12 `E10`).
        Radiographs = "radiographs",
        /// `rehabilitation` (X12 `A9`).
        Rehabilitation = "rehabilitation",
        /// `rehabilitation_inpatient` (X12 `AB`).
        RehabilitationInpatient = "rehabilitation_inpatient",
        /// `rehabilitation_outpatient` (X12 `AC`).
        RehabilitationOutpatient = "rehabilitation_outpatient",
        /// `rehabilitation_room_and_board` (X12 `AA`).
        RehabilitationRoomAndBoard = "rehabilitation_room_and_board",
        /// `removable_prosthodontics` (X12 `E15`).
        RemovableProsthodontics = "removable_prosthodontics",
        /// `renal` (X12 `RN`).
        Renal = "renal",
        /// `renal_supplies_in_the_home` (X12 `14`).
        RenalSuppliesInTheHome = "renal_supplies_in_the_home",
        /// `residential_psychiatric_treatment` (X12 `RT`).
        ResidentialPsychiatricTreatment = "residential_psychiatric_treatment",
        /// `respite_care` (X12 `46`).
        RespiteCare = "respite_care",
        /// `restorative` (X12 `25`).
        Restorative = "restorative",
        /// `retail_pharmacy_prescription_drug` (X12 `E24`).
        RetailPharmacyPrescriptionDrug = "retail_pharmacy_prescription_drug",
        /// `routine_exam` (X12 `AN`).
        RoutineExam = "routine_exam",
        /// `routine_eye_exam` (X12 `AP`).
        RoutineEyeExam = "routine_eye_exam",
        /// `routine_physical` (X12 `81`).
        RoutinePhysical = "routine_physical",
        /// `routine_preventive_dental` (X12 `41`).
        RoutinePreventiveDental = "routine_preventive_dental",
        /// `screening_laboratory` (X12 `CL`).
        ScreeningLaboratory = "screening_laboratory",
        /// `screening_x_ray` (X12 `CK`).
        ScreeningXRay = "screening_x_ray",
        /// `sealants` (X12 `E20`).
        Sealants = "sealants",
        /// `second_surgical_opinion` (X12 `20`).
        SecondSurgicalOpinion = "second_surgical_opinion",
        /// `serious_mental_health` (X12 `SMH`).
        SeriousMentalHealth = "serious_mental_health",
        /// `skilled_nursing_care` (X12 `AG`).
        SkilledNursingCare = "skilled_nursing_care",
        /// `skilled_nursing_care_room_and_board` (X12 `AH`).
        SkilledNursingCareRoomAndBoard = "skilled_nursing_care_room_and_board",
        /// `skilled_nursing_facility_head_level_of_care` (X12 `E4`).
        SkilledNursingFacilityHeadLevelOfCare = "skilled_nursing_facility_head_level_of_care",
        /// `skilled_nursing_facility_ventilator_level_of_care` (X12 `E5`).
        SkilledNursingFacilityVentilatorLevelOfCare = "skilled_nursing_facility_ventilator_level_of_care",
        /// `skin` (X12 `BJ`).
        Skin = "skin",
        /// `smoking_cessation` (X12 `67`).
        SmokingCessation = "smoking_cessation",
        /// `social_work` (X12 `22`).
        SocialWork = "social_work",
        /// `social_work_coverage` (X12 `F2`).
        SocialWorkCoverage = "social_work_coverage",
        /// `specialty_pharmacy` (X12 `EB`).
        SpecialtyPharmacy = "specialty_pharmacy",
        /// `speech_therapy` (X12 `AF`).
        SpeechTherapy = "speech_therapy",
        /// `step_down_unit` (X12 `E3`).
        StepDownUnit = "step_down_unit",
        /// `substance_abuse` (X12 `AI`).
        SubstanceAbuse = "substance_abuse",
        /// `substance_abuse_facility_inpatient` (X12 `CI`).
        SubstanceAbuseFacilityInpatient = "substance_abuse_facility_inpatient",
        /// `substance_abuse_facility_outpatient` (X12 `CJ`).
        SubstanceAbuseFacilityOutpatient = "substance_abuse_facility_outpatient",
        /// `surgical` (X12 `2`).
        Surgical = "surgical",
        /// `surgical_assistance` (X12 `8`).
        SurgicalAssistance = "surgical_assistance",
        /// `surgical_benefits_facility` (X12 `CD`).
        SurgicalBenefitsFacility = "surgical_benefits_facility",
        /// `surgical_benefits_professional_physician` (X12 `CC`).
        SurgicalBenefitsProfessionalPhysician = "surgical_benefits_professional_physician",
        /// `targeted_medication_therapy_management_review` (X12 `E27`).
        TargetedMedicationTherapyManagementReview = "targeted_medication_therapy_management_review",
        /// `technical_cardiac_rehabilitation_services_component` (X12 `E29`).
        TechnicalCardiacRehabilitationServicesComponent = "technical_cardiac_rehabilitation_services_component",
        /// `telemedicine` (X12 `E37`).
        Telemedicine = "telemedicine",
        /// `temporomandibular_joint_dysfunction` (X12 `E23`).
        TemporomandibularJointDysfunction = "temporomandibular_joint_dysfunction",
        /// `third_surgical_opinion` (X12 `21`).
        ThirdSurgicalOpinion = "third_surgical_opinion",
        /// `transitional_care` (X12 `TC`).
        TransitionalCare = "transitional_care",
        /// `transitional_nursery_care` (X12 `TN`).
        TransitionalNurseryCare = "transitional_nursery_care",
        /// `transplants` (X12 `70`).
        Transplants = "transplants",
        /// `urgent_care` (X12 `UC`).
        UrgentCare = "urgent_care",
        /// `used_medical_equipment` (X12 `11`).
        UsedMedicalEquipment = "used_medical_equipment",
        /// `vision_coverage` (X12 `F6`).
        VisionCoverage = "vision_coverage",
        /// `vision_optometry` (X12 `AL`).
        VisionOptometry = "vision_optometry",
        /// `well_baby_care` (X12 `68`).
        WellBabyCare = "well_baby_care",
    }
}

impl ServiceType {
    /// The X12 service type code (`"30"` for `health_benefit_plan_coverage`); `None` for an
    /// unknown value.
    pub fn x12_code(&self) -> Option<&'static str> {
        Some(match self {
            ServiceType::Abortion => "84",
            ServiceType::Acupuncture => "64",
            ServiceType::AdjunctiveDentalServices => "28",
            ServiceType::Aids => "85",
            ServiceType::AirTransportation => "57",
            ServiceType::Alcoholism => "AJ",
            ServiceType::Allergy => "GY",
            ServiceType::AllergyTesting => "79",
            ServiceType::AlliedBehavioralAnalysisTherapy => "E0",
            ServiceType::AlternateMethodDialysis => "15",
            ServiceType::AmbulatoryServiceFacility => "13",
            ServiceType::Anesthesia => "7",
            ServiceType::Anesthesiologist => "97",
            ServiceType::AudiologyExam => "71",
            ServiceType::BasicRestorativeDental => "E12",
            ServiceType::BloodCharges => "10",
            ServiceType::BrandNamePrescriptionDrug => "91",
            ServiceType::BrandNamePrescriptionDrugFormulary => "B2",
            ServiceType::BrandNamePrescriptionDrugNonFormulary => "B3",
            ServiceType::BurnCare => "B1",
            ServiceType::Cabulance => "58",
            ServiceType::Cancer => "87",
            ServiceType::Cardiac => "BL",
            ServiceType::CardiacRehabilitation => "BG",
            ServiceType::CaseManagement => "CQ",
            ServiceType::CatScan => "ED",
            ServiceType::Chemotherapy => "78",
            ServiceType::Chiropractic => "33",
            ServiceType::ChiropracticOfficeVisits => "34",
            ServiceType::ChronicRenalDiseaseEquipment => "16",
            ServiceType::CognitiveTherapy => "BD",
            ServiceType::ComprehensiveMedicationTherapyManagementReview => "E26",
            ServiceType::Consultation => "3",
            ServiceType::ContactLenses => "EF",
            ServiceType::ConvenienceCare => "E36",
            ServiceType::CoronaryCare => "C1",
            ServiceType::DayCarePsychiatric => "BC",
            ServiceType::DentalAccident => "37",
            ServiceType::DentalCare => "35",
            ServiceType::DentalCoverage => "F3",
            ServiceType::DentalCrowns => "36",
            ServiceType::DentalImplants => "E22",
            ServiceType::DentalProphylaxis => "E18",
            ServiceType::Dermatology => "DG",
            ServiceType::DiabeticEducation => "E39",
            ServiceType::DiabeticSupplies => "DS",
            ServiceType::DiagnosticDental => "23",
            ServiceType::DiagnosticImaging => "E11",
            ServiceType::DiagnosticLab => "5",
            ServiceType::DiagnosticMedical => "73",
            ServiceType::DiagnosticXRay => "4",
            ServiceType::Dialysis => "76",
            ServiceType::DietaryNutritionalServices => "E28",
            ServiceType::DonorProcedures => "63",
            ServiceType::DrugAddiction => "AK",
            ServiceType::DurableMedicalEquipmentNew => "EC",
            ServiceType::EmergencyServices => "86",
            ServiceType::Endocrine => "BP",
            ServiceType::Endodontics => "26",
            ServiceType::ExperimentalDrugTherapy => "AR",
            ServiceType::Eye => "BR",
            ServiceType::EyewearAndAccessories => "CP",
            ServiceType::FamilyPlanning => "82",
            ServiceType::FixedProsthodontics => "E14",
            ServiceType::FlourideTreatments => "E21",
            ServiceType::FluVaccination => "CO",
            ServiceType::Frames => "AM",
            ServiceType::FreeStandingPrescriptionDrug => "89",
            ServiceType::Gastrointestinal => "BN",
            ServiceType::GeneralBenefits => "60",
            ServiceType::GenericPrescriptionDrug => "92",
            ServiceType::GenericPrescriptionDrugFormulary => "GF",
            ServiceType::GenericPrescriptionDrugNonFormulary => "GN",
            ServiceType::Gynecological => "BT",
            ServiceType::HealthBenefitPlanCoverage => "30",
            ServiceType::HearingCoverage => "F4",
            ServiceType::HomeHealthCare => "42",
            ServiceType::HomeHealthPrescriptions => "43",
            ServiceType::HomeHealthVisits => "44",
            ServiceType::Hospice => "45",
            ServiceType::Hospital => "47",
            ServiceType::HospitalAmbulatorySurgical => "53",
            ServiceType::HospitalEmergencyAccident => "51",
            ServiceType::HospitalEmergencyMedical => "52",
            ServiceType::HospitalInpatient => "48",
            ServiceType::HospitalOutpatient => "50",
            ServiceType::HospitalRoomAndBoard => "49",
            ServiceType::Immunizations => "80",
            ServiceType::InVitroFertilization => "61",
            ServiceType::IndependentMedicalEvaluation => "BA",
            ServiceType::Infertility => "83",
            ServiceType::InhalationTherapy => "72",
            ServiceType::IntensiveCardiacRehabilitation => "E33",
            ServiceType::IntensiveCardiacRehabilitationTechnicalComponent => "E32",
            ServiceType::IntensiveCare => "IC",
            ServiceType::IntraoralImagesCompleteSeries => "E16",
            ServiceType::InvasiveProcedures => "BS",
            ServiceType::Lenses => "AO",
            ServiceType::LevelOfCare1 => "E6",
            ServiceType::LevelOfCare2 => "E7",
            ServiceType::LevelOfCare3 => "E8",
            ServiceType::LevelOfCare4 => "E9",
            ServiceType::LicensedAmbulance => "59",
            ServiceType::LongTermCare => "54",
            ServiceType::LongTermCarePharmacy => "E25",
            ServiceType::Lymphatic => "BM",
            ServiceType::MailOrderPrescriptionDrug => "BX",
            ServiceType::MailOrderPrescriptionDrugBrandName => "90",
            ServiceType::MailOrderPrescriptionDrugGeneric => "BW",
            ServiceType::MajorMedical => "55",
            ServiceType::MajorRestorativeDental => "E13",
            ServiceType::MammogramHighRiskPatient => "CM",
            ServiceType::MammogramLowRiskPatient => "CN",
            ServiceType::MassageTherapy => "BE",
            ServiceType::Maternity => "69",
            ServiceType::MaxillofacialProsthetics => "27",
            ServiceType::MedicalCare => "1",
            ServiceType::MedicalCoverage => "F1",
            ServiceType::MedicalEquipment => "DM",
            ServiceType::MedicalEquipmentPurchase => "12",
            ServiceType::MedicalEquipmentRental => "18",
            ServiceType::MedicallyRelatedTransportation => "56",
            ServiceType::MentalHealth => "MH",
            ServiceType::MentalHealthCoverage => "F8",
            ServiceType::MentalHealthFacilityInpatient => "CG",
            ServiceType::MentalHealthFacilityOutpatient => "CH",
            ServiceType::MentalHealthProviderInpatient => "CE",
            ServiceType::MentalHealthProviderOutpatient => "CF",
            ServiceType::MriCatScan => "62",
            ServiceType::NeonatalIntensiveCare => "NI",
            ServiceType::Neurology => "BQ",
            ServiceType::NewbornCare => "65",
            ServiceType::NonMedicalEquipmentNonDme => "E1",
            ServiceType::NonmedicallyNecessaryPhysical => "AQ",
            ServiceType::Nursery => "BI",
            ServiceType::Obstetrical => "BU",
            ServiceType::ObstetricalGynecological => "BV",
            ServiceType::OccupationalTherapy => "AD",
            ServiceType::Oncology => "ON",
            ServiceType::Ophthalmology => "EE",
            ServiceType::OralEvaluation => "E17",
            ServiceType::OralSurgery => "40",
            ServiceType::Orthodontics => "38",
            ServiceType::OrthodontiaCoverage => "F7",
            ServiceType::Orthopedic => "BK",
            ServiceType::OtherMedical => "9",
            ServiceType::OtologicalExam => "77",
            ServiceType::PanoramicImages => "E19",
            ServiceType::PartialHospitalizationPsychiatric => "BB",
            ServiceType::Pathology => "66",
            ServiceType::Pediatric => "BH",
            ServiceType::Periodontics => "24",
            ServiceType::PharmacistServices => "E38",
            ServiceType::Pharmacy => "88",
            ServiceType::PhysicalMedicine => "AE",
            ServiceType::PhysicalTherapy => "PT",
            ServiceType::PhysicianVisitOfficeSick => "BY",
            ServiceType::PhysicianVisitOfficeWell => "BZ",
            ServiceType::PlanWaitingPeriod => "32",
            ServiceType::PneumoniaVaccine => "19",
            ServiceType::Podiatry => "93",
            ServiceType::PodiatryNursingHomeVisits => "95",
            ServiceType::PodiatryOfficeVisits => "94",
            ServiceType::PositronEmissionTomographyPetScan => "PE",
            ServiceType::PreAdmissionTesting => "17",
            ServiceType::PrescriptionDrugCoverage => "F5",
            ServiceType::PreventiveServices => "EA",
            ServiceType::PrivateDutyNursing => "74",
            ServiceType::PrivateDutyNursingHome => "CB",
            ServiceType::PrivateDutyNursingInpatient => "CA",
            ServiceType::ProfessionalCardiacRehabilitationServicesComponent => "E30",
            ServiceType::ProfessionalIntensiveCardiacRehabilitationServicesComponent => "E31",
            ServiceType::ProfessionalPhysician => "96",
            ServiceType::ProfessionalPhysicianVisitHome => "A3",
            ServiceType::ProfessionalPhysicianVisitInpatient => "99",
            ServiceType::ProfessionalPhysicianVisitNursingHome => "A1",
            ServiceType::ProfessionalPhysicianVisitOffice => "98",
            ServiceType::ProfessionalPhysicianVisitOutpatient => "A0",
            ServiceType::ProfessionalPhysicianVisitSkilledNursingFacility => "A2",
            ServiceType::ProstheticDevice => "75",
            ServiceType::Prosthodontics => "39",
            ServiceType::Psychiatric => "A4",
            ServiceType::PsychiatricEmergency => "E2",
            ServiceType::PsychiatricInpatient => "A7",
            ServiceType::PsychiatricOutpatient => "A8",
            ServiceType::PsychiatricRoomAndBoard => "A5",
            ServiceType::Psychotherapy => "A6",
            ServiceType::Pulmonary => "PU",
            ServiceType::PulmonaryRehabilitation => "BF",
            ServiceType::PulmonaryRehabilitationProfessionalComponent => "E35",
            ServiceType::PulmonaryRehabilitationTechnicalComponent => "E34",
            ServiceType::RadiationTherapy => "6",
            ServiceType::Radiographs => "E10",
            ServiceType::Rehabilitation => "A9",
            ServiceType::RehabilitationInpatient => "AB",
            ServiceType::RehabilitationOutpatient => "AC",
            ServiceType::RehabilitationRoomAndBoard => "AA",
            ServiceType::RemovableProsthodontics => "E15",
            ServiceType::Renal => "RN",
            ServiceType::RenalSuppliesInTheHome => "14",
            ServiceType::ResidentialPsychiatricTreatment => "RT",
            ServiceType::RespiteCare => "46",
            ServiceType::Restorative => "25",
            ServiceType::RetailPharmacyPrescriptionDrug => "E24",
            ServiceType::RoutineExam => "AN",
            ServiceType::RoutineEyeExam => "AP",
            ServiceType::RoutinePhysical => "81",
            ServiceType::RoutinePreventiveDental => "41",
            ServiceType::ScreeningLaboratory => "CL",
            ServiceType::ScreeningXRay => "CK",
            ServiceType::Sealants => "E20",
            ServiceType::SecondSurgicalOpinion => "20",
            ServiceType::SeriousMentalHealth => "SMH",
            ServiceType::SkilledNursingCare => "AG",
            ServiceType::SkilledNursingCareRoomAndBoard => "AH",
            ServiceType::SkilledNursingFacilityHeadLevelOfCare => "E4",
            ServiceType::SkilledNursingFacilityVentilatorLevelOfCare => "E5",
            ServiceType::Skin => "BJ",
            ServiceType::SmokingCessation => "67",
            ServiceType::SocialWork => "22",
            ServiceType::SocialWorkCoverage => "F2",
            ServiceType::SpecialtyPharmacy => "EB",
            ServiceType::SpeechTherapy => "AF",
            ServiceType::StepDownUnit => "E3",
            ServiceType::SubstanceAbuse => "AI",
            ServiceType::SubstanceAbuseFacilityInpatient => "CI",
            ServiceType::SubstanceAbuseFacilityOutpatient => "CJ",
            ServiceType::Surgical => "2",
            ServiceType::SurgicalAssistance => "8",
            ServiceType::SurgicalBenefitsFacility => "CD",
            ServiceType::SurgicalBenefitsProfessionalPhysician => "CC",
            ServiceType::TargetedMedicationTherapyManagementReview => "E27",
            ServiceType::TechnicalCardiacRehabilitationServicesComponent => "E29",
            ServiceType::Telemedicine => "E37",
            ServiceType::TemporomandibularJointDysfunction => "E23",
            ServiceType::ThirdSurgicalOpinion => "21",
            ServiceType::TransitionalCare => "TC",
            ServiceType::TransitionalNurseryCare => "TN",
            ServiceType::Transplants => "70",
            ServiceType::UrgentCare => "UC",
            ServiceType::UsedMedicalEquipment => "11",
            ServiceType::VisionCoverage => "F6",
            ServiceType::VisionOptometry => "AL",
            ServiceType::WellBabyCare => "68",
            ServiceType::Unknown(_) => return None,
        })
    }

    /// The service type for an X12 code (`"86"` gives `emergency_services`).
    pub fn from_x12_code(code: &str) -> Option<Self> {
        Some(match code {
            "84" => ServiceType::Abortion,
            "64" => ServiceType::Acupuncture,
            "28" => ServiceType::AdjunctiveDentalServices,
            "85" => ServiceType::Aids,
            "57" => ServiceType::AirTransportation,
            "AJ" => ServiceType::Alcoholism,
            "GY" => ServiceType::Allergy,
            "79" => ServiceType::AllergyTesting,
            "E0" => ServiceType::AlliedBehavioralAnalysisTherapy,
            "15" => ServiceType::AlternateMethodDialysis,
            "13" => ServiceType::AmbulatoryServiceFacility,
            "7" => ServiceType::Anesthesia,
            "97" => ServiceType::Anesthesiologist,
            "71" => ServiceType::AudiologyExam,
            "E12" => ServiceType::BasicRestorativeDental,
            "10" => ServiceType::BloodCharges,
            "91" => ServiceType::BrandNamePrescriptionDrug,
            "B2" => ServiceType::BrandNamePrescriptionDrugFormulary,
            "B3" => ServiceType::BrandNamePrescriptionDrugNonFormulary,
            "B1" => ServiceType::BurnCare,
            "58" => ServiceType::Cabulance,
            "87" => ServiceType::Cancer,
            "BL" => ServiceType::Cardiac,
            "BG" => ServiceType::CardiacRehabilitation,
            "CQ" => ServiceType::CaseManagement,
            "ED" => ServiceType::CatScan,
            "78" => ServiceType::Chemotherapy,
            "33" => ServiceType::Chiropractic,
            "34" => ServiceType::ChiropracticOfficeVisits,
            "16" => ServiceType::ChronicRenalDiseaseEquipment,
            "BD" => ServiceType::CognitiveTherapy,
            "E26" => ServiceType::ComprehensiveMedicationTherapyManagementReview,
            "3" => ServiceType::Consultation,
            "EF" => ServiceType::ContactLenses,
            "E36" => ServiceType::ConvenienceCare,
            "C1" => ServiceType::CoronaryCare,
            "BC" => ServiceType::DayCarePsychiatric,
            "37" => ServiceType::DentalAccident,
            "35" => ServiceType::DentalCare,
            "F3" => ServiceType::DentalCoverage,
            "36" => ServiceType::DentalCrowns,
            "E22" => ServiceType::DentalImplants,
            "E18" => ServiceType::DentalProphylaxis,
            "DG" => ServiceType::Dermatology,
            "E39" => ServiceType::DiabeticEducation,
            "DS" => ServiceType::DiabeticSupplies,
            "23" => ServiceType::DiagnosticDental,
            "E11" => ServiceType::DiagnosticImaging,
            "5" => ServiceType::DiagnosticLab,
            "73" => ServiceType::DiagnosticMedical,
            "4" => ServiceType::DiagnosticXRay,
            "76" => ServiceType::Dialysis,
            "E28" => ServiceType::DietaryNutritionalServices,
            "63" => ServiceType::DonorProcedures,
            "AK" => ServiceType::DrugAddiction,
            "EC" => ServiceType::DurableMedicalEquipmentNew,
            "86" => ServiceType::EmergencyServices,
            "BP" => ServiceType::Endocrine,
            "26" => ServiceType::Endodontics,
            "AR" => ServiceType::ExperimentalDrugTherapy,
            "BR" => ServiceType::Eye,
            "CP" => ServiceType::EyewearAndAccessories,
            "82" => ServiceType::FamilyPlanning,
            "E14" => ServiceType::FixedProsthodontics,
            "E21" => ServiceType::FlourideTreatments,
            "CO" => ServiceType::FluVaccination,
            "AM" => ServiceType::Frames,
            "89" => ServiceType::FreeStandingPrescriptionDrug,
            "BN" => ServiceType::Gastrointestinal,
            "60" => ServiceType::GeneralBenefits,
            "92" => ServiceType::GenericPrescriptionDrug,
            "GF" => ServiceType::GenericPrescriptionDrugFormulary,
            "GN" => ServiceType::GenericPrescriptionDrugNonFormulary,
            "BT" => ServiceType::Gynecological,
            "30" => ServiceType::HealthBenefitPlanCoverage,
            "F4" => ServiceType::HearingCoverage,
            "42" => ServiceType::HomeHealthCare,
            "43" => ServiceType::HomeHealthPrescriptions,
            "44" => ServiceType::HomeHealthVisits,
            "45" => ServiceType::Hospice,
            "47" => ServiceType::Hospital,
            "53" => ServiceType::HospitalAmbulatorySurgical,
            "51" => ServiceType::HospitalEmergencyAccident,
            "52" => ServiceType::HospitalEmergencyMedical,
            "48" => ServiceType::HospitalInpatient,
            "50" => ServiceType::HospitalOutpatient,
            "49" => ServiceType::HospitalRoomAndBoard,
            "80" => ServiceType::Immunizations,
            "61" => ServiceType::InVitroFertilization,
            "BA" => ServiceType::IndependentMedicalEvaluation,
            "83" => ServiceType::Infertility,
            "72" => ServiceType::InhalationTherapy,
            "E33" => ServiceType::IntensiveCardiacRehabilitation,
            "E32" => ServiceType::IntensiveCardiacRehabilitationTechnicalComponent,
            "IC" => ServiceType::IntensiveCare,
            "E16" => ServiceType::IntraoralImagesCompleteSeries,
            "BS" => ServiceType::InvasiveProcedures,
            "AO" => ServiceType::Lenses,
            "E6" => ServiceType::LevelOfCare1,
            "E7" => ServiceType::LevelOfCare2,
            "E8" => ServiceType::LevelOfCare3,
            "E9" => ServiceType::LevelOfCare4,
            "59" => ServiceType::LicensedAmbulance,
            "54" => ServiceType::LongTermCare,
            "E25" => ServiceType::LongTermCarePharmacy,
            "BM" => ServiceType::Lymphatic,
            "BX" => ServiceType::MailOrderPrescriptionDrug,
            "90" => ServiceType::MailOrderPrescriptionDrugBrandName,
            "BW" => ServiceType::MailOrderPrescriptionDrugGeneric,
            "55" => ServiceType::MajorMedical,
            "E13" => ServiceType::MajorRestorativeDental,
            "CM" => ServiceType::MammogramHighRiskPatient,
            "CN" => ServiceType::MammogramLowRiskPatient,
            "BE" => ServiceType::MassageTherapy,
            "69" => ServiceType::Maternity,
            "27" => ServiceType::MaxillofacialProsthetics,
            "1" => ServiceType::MedicalCare,
            "F1" => ServiceType::MedicalCoverage,
            "DM" => ServiceType::MedicalEquipment,
            "12" => ServiceType::MedicalEquipmentPurchase,
            "18" => ServiceType::MedicalEquipmentRental,
            "56" => ServiceType::MedicallyRelatedTransportation,
            "MH" => ServiceType::MentalHealth,
            "F8" => ServiceType::MentalHealthCoverage,
            "CG" => ServiceType::MentalHealthFacilityInpatient,
            "CH" => ServiceType::MentalHealthFacilityOutpatient,
            "CE" => ServiceType::MentalHealthProviderInpatient,
            "CF" => ServiceType::MentalHealthProviderOutpatient,
            "62" => ServiceType::MriCatScan,
            "NI" => ServiceType::NeonatalIntensiveCare,
            "BQ" => ServiceType::Neurology,
            "65" => ServiceType::NewbornCare,
            "E1" => ServiceType::NonMedicalEquipmentNonDme,
            "AQ" => ServiceType::NonmedicallyNecessaryPhysical,
            "BI" => ServiceType::Nursery,
            "BU" => ServiceType::Obstetrical,
            "BV" => ServiceType::ObstetricalGynecological,
            "AD" => ServiceType::OccupationalTherapy,
            "ON" => ServiceType::Oncology,
            "EE" => ServiceType::Ophthalmology,
            "E17" => ServiceType::OralEvaluation,
            "40" => ServiceType::OralSurgery,
            "38" => ServiceType::Orthodontics,
            "F7" => ServiceType::OrthodontiaCoverage,
            "BK" => ServiceType::Orthopedic,
            "9" => ServiceType::OtherMedical,
            "77" => ServiceType::OtologicalExam,
            "E19" => ServiceType::PanoramicImages,
            "BB" => ServiceType::PartialHospitalizationPsychiatric,
            "66" => ServiceType::Pathology,
            "BH" => ServiceType::Pediatric,
            "24" => ServiceType::Periodontics,
            "E38" => ServiceType::PharmacistServices,
            "88" => ServiceType::Pharmacy,
            "AE" => ServiceType::PhysicalMedicine,
            "PT" => ServiceType::PhysicalTherapy,
            "BY" => ServiceType::PhysicianVisitOfficeSick,
            "BZ" => ServiceType::PhysicianVisitOfficeWell,
            "32" => ServiceType::PlanWaitingPeriod,
            "19" => ServiceType::PneumoniaVaccine,
            "93" => ServiceType::Podiatry,
            "95" => ServiceType::PodiatryNursingHomeVisits,
            "94" => ServiceType::PodiatryOfficeVisits,
            "PE" => ServiceType::PositronEmissionTomographyPetScan,
            "17" => ServiceType::PreAdmissionTesting,
            "F5" => ServiceType::PrescriptionDrugCoverage,
            "EA" => ServiceType::PreventiveServices,
            "74" => ServiceType::PrivateDutyNursing,
            "CB" => ServiceType::PrivateDutyNursingHome,
            "CA" => ServiceType::PrivateDutyNursingInpatient,
            "E30" => ServiceType::ProfessionalCardiacRehabilitationServicesComponent,
            "E31" => ServiceType::ProfessionalIntensiveCardiacRehabilitationServicesComponent,
            "96" => ServiceType::ProfessionalPhysician,
            "A3" => ServiceType::ProfessionalPhysicianVisitHome,
            "99" => ServiceType::ProfessionalPhysicianVisitInpatient,
            "A1" => ServiceType::ProfessionalPhysicianVisitNursingHome,
            "98" => ServiceType::ProfessionalPhysicianVisitOffice,
            "A0" => ServiceType::ProfessionalPhysicianVisitOutpatient,
            "A2" => ServiceType::ProfessionalPhysicianVisitSkilledNursingFacility,
            "75" => ServiceType::ProstheticDevice,
            "39" => ServiceType::Prosthodontics,
            "A4" => ServiceType::Psychiatric,
            "E2" => ServiceType::PsychiatricEmergency,
            "A7" => ServiceType::PsychiatricInpatient,
            "A8" => ServiceType::PsychiatricOutpatient,
            "A5" => ServiceType::PsychiatricRoomAndBoard,
            "A6" => ServiceType::Psychotherapy,
            "PU" => ServiceType::Pulmonary,
            "BF" => ServiceType::PulmonaryRehabilitation,
            "E35" => ServiceType::PulmonaryRehabilitationProfessionalComponent,
            "E34" => ServiceType::PulmonaryRehabilitationTechnicalComponent,
            "6" => ServiceType::RadiationTherapy,
            "E10" => ServiceType::Radiographs,
            "A9" => ServiceType::Rehabilitation,
            "AB" => ServiceType::RehabilitationInpatient,
            "AC" => ServiceType::RehabilitationOutpatient,
            "AA" => ServiceType::RehabilitationRoomAndBoard,
            "E15" => ServiceType::RemovableProsthodontics,
            "RN" => ServiceType::Renal,
            "14" => ServiceType::RenalSuppliesInTheHome,
            "RT" => ServiceType::ResidentialPsychiatricTreatment,
            "46" => ServiceType::RespiteCare,
            "25" => ServiceType::Restorative,
            "E24" => ServiceType::RetailPharmacyPrescriptionDrug,
            "AN" => ServiceType::RoutineExam,
            "AP" => ServiceType::RoutineEyeExam,
            "81" => ServiceType::RoutinePhysical,
            "41" => ServiceType::RoutinePreventiveDental,
            "CL" => ServiceType::ScreeningLaboratory,
            "CK" => ServiceType::ScreeningXRay,
            "E20" => ServiceType::Sealants,
            "20" => ServiceType::SecondSurgicalOpinion,
            "SMH" => ServiceType::SeriousMentalHealth,
            "AG" => ServiceType::SkilledNursingCare,
            "AH" => ServiceType::SkilledNursingCareRoomAndBoard,
            "E4" => ServiceType::SkilledNursingFacilityHeadLevelOfCare,
            "E5" => ServiceType::SkilledNursingFacilityVentilatorLevelOfCare,
            "BJ" => ServiceType::Skin,
            "67" => ServiceType::SmokingCessation,
            "22" => ServiceType::SocialWork,
            "F2" => ServiceType::SocialWorkCoverage,
            "EB" => ServiceType::SpecialtyPharmacy,
            "AF" => ServiceType::SpeechTherapy,
            "E3" => ServiceType::StepDownUnit,
            "AI" => ServiceType::SubstanceAbuse,
            "CI" => ServiceType::SubstanceAbuseFacilityInpatient,
            "CJ" => ServiceType::SubstanceAbuseFacilityOutpatient,
            "2" => ServiceType::Surgical,
            "8" => ServiceType::SurgicalAssistance,
            "CD" => ServiceType::SurgicalBenefitsFacility,
            "CC" => ServiceType::SurgicalBenefitsProfessionalPhysician,
            "E27" => ServiceType::TargetedMedicationTherapyManagementReview,
            "E29" => ServiceType::TechnicalCardiacRehabilitationServicesComponent,
            "E37" => ServiceType::Telemedicine,
            "E23" => ServiceType::TemporomandibularJointDysfunction,
            "21" => ServiceType::ThirdSurgicalOpinion,
            "TC" => ServiceType::TransitionalCare,
            "TN" => ServiceType::TransitionalNurseryCare,
            "70" => ServiceType::Transplants,
            "UC" => ServiceType::UrgentCare,
            "11" => ServiceType::UsedMedicalEquipment,
            "F6" => ServiceType::VisionCoverage,
            "AL" => ServiceType::VisionOptometry,
            "68" => ServiceType::WellBabyCare,
            _ => return None,
        })
    }
}

open_enum! {
    /// Who a benefit applies to (`coverage_level`, `coverage.level`).
    pub enum CoverageLevel {
        /// `children_only`.
        ChildrenOnly = "children_only",
        /// `dependents_only`.
        DependentsOnly = "dependents_only",
        /// `employee_and_children`.
        EmployeeAndChildren = "employee_and_children",
        /// `employee_only`.
        EmployeeOnly = "employee_only",
        /// `employee_and_spouse`.
        EmployeeAndSpouse = "employee_and_spouse",
        /// `family`.
        Family = "family",
        /// `individual`.
        Individual = "individual",
        /// `spouse_and_children`.
        SpouseAndChildren = "spouse_and_children",
        /// `spouse_only`.
        SpouseOnly = "spouse_only",
    }
}

open_enum! {
    /// Whether a benefit applies in or out of network (`in_plan_network`).
    pub enum InPlanNetwork {
        /// `yes`.
        Yes = "yes",
        /// `no`.
        No = "no",
        /// `not_applicable`.
        NotApplicable = "not_applicable",
    }
}

open_enum! {
    /// Whether authorization or certification is required (`authorization_required`).
    pub enum AuthorizationRequired {
        /// `yes`.
        Yes = "yes",
        /// `no`.
        No = "no",
        /// `unknown`.
        Undetermined = "unknown",
    }
}

open_enum! {
    /// A time period qualifier (`time_period`, `time_period_qualifier`), e.g.
    /// `calendar_year` or `remaining`.
    pub enum TimePeriod {
        /// `24_hours`.
        N24Hours = "24_hours",
        /// `admission`.
        Admission = "admission",
        /// `calendar_year`.
        CalendarYear = "calendar_year",
        /// `contract`.
        Contract = "contract",
        /// `day`.
        Day = "day",
        /// `episode`.
        Episode = "episode",
        /// `exceed`.
        Exceed = "exceed",
        /// `hour`.
        Hour = "hour",
        /// `lifetime`.
        Lifetime = "lifetime",
        /// `lifetime_remaining`.
        LifetimeRemaining = "lifetime_remaining",
        /// `month`.
        Month = "month",
        /// `not_exceeded`.
        NotExceeded = "not_exceeded",
        /// `outlier`.
        Outlier = "outlier",
        /// `remaining`.
        Remaining = "remaining",
        /// `service_year`.
        ServiceYear = "service_year",
        /// `visit`.
        Visit = "visit",
        /// `week`.
        Week = "week",
        /// `year_to_date`.
        YearToDate = "year_to_date",
        /// `years`.
        Years = "years",
    }
}

open_enum! {
    /// The kind of a quantity (`quantity_qualifier`).
    pub enum QuantityQualifier {
        /// `minimum`.
        Minimum = "minimum",
        /// `quantity_used`.
        QuantityUsed = "quantity_used",
        /// `covered_actual`.
        CoveredActual = "covered_actual",
        /// `covered_estimated`.
        CoveredEstimated = "covered_estimated",
        /// `coinsurance_days`.
        CoinsuranceDays = "coinsurance_days",
        /// `deductible_blood_units`.
        DeductibleBloodUnits = "deductible_blood_units",
        /// `days`.
        Days = "days",
        /// `hours`.
        Hours = "hours",
        /// `life_time_reserve_actual`.
        LifeTimeReserveActual = "life_time_reserve_actual",
        /// `life_time_reserve_estimated`.
        LifeTimeReserveEstimated = "life_time_reserve_estimated",
        /// `maximum`.
        Maximum = "maximum",
        /// `month`.
        Month = "month",
        /// `services_or_procedures`.
        ServicesOrProcedures = "services_or_procedures",
        /// `quantity_approved`.
        QuantityApproved = "quantity_approved",
        /// `age_high_value`.
        AgeHighValue = "age_high_value",
        /// `age_low_value`.
        AgeLowValue = "age_low_value",
        /// `visits`.
        Visits = "visits",
        /// `years`.
        Years = "years",
    }
}

open_enum! {
    /// Type of insurance (`insurance_type`).
    pub enum InsuranceType {
        /// `hmo`.
        Hmo = "hmo",
        /// `ppo`.
        Ppo = "ppo",
        /// `pos`.
        Pos = "pos",
        /// `cobra`.
        Cobra = "cobra",
        /// `commercial`.
        Commercial = "commercial",
        /// `medicaid`.
        Medicaid = "medicaid",
        /// `medicare_part_a`.
        MedicarePartA = "medicare_part_a",
        /// `medicare_part_b`.
        MedicarePartB = "medicare_part_b",
        /// `other`.
        Other = "other",
    }
}

open_enum! {
    /// The code set of a `procedure_id`.
    pub enum ProcedureIdQualifier {
        /// `ada_code`.
        AdaCode = "ada_code",
        /// `cpt`.
        Cpt = "cpt",
        /// `hcpcs`.
        Hcpcs = "hcpcs",
        /// `icd_9_cm`.
        Icd9Cm = "icd_9_cm",
        /// `hiec_product_service_code`.
        HiecProductServiceCode = "hiec_product_service_code",
        /// `ndc_5_4_2_format`.
        Ndc542Format = "ndc_5_4_2_format",
        /// `mutually_defined`.
        MutuallyDefined = "mutually_defined",
    }
}

open_enum! {
    /// Why a trading partner rejected a request (`reject_reason`). The common documented
    /// values plus those seen in the examples.
    pub enum RejectReason {
        /// `invalid_provider_id`.
        InvalidProviderId = "invalid_provider_id",
        /// `provider_not_on_file`.
        ProviderNotOnFile = "provider_not_on_file",
        /// `provider_ineligible_for_inquiries`.
        ProviderIneligibleForInquiries = "provider_ineligible_for_inquiries",
        /// `invalid_subscriber_id`.
        InvalidSubscriberId = "invalid_subscriber_id",
        /// `invalid_subscriber_insured_id`.
        InvalidSubscriberInsuredId = "invalid_subscriber_insured_id",
        /// `invalid_subscriber_insured_name`.
        InvalidSubscriberInsuredName = "invalid_subscriber_insured_name",
        /// `subscriber_insured_not_found`.
        SubscriberInsuredNotFound = "subscriber_insured_not_found",
        /// `patient_birth_date_mismatch`.
        PatientBirthDateMismatch = "patient_birth_date_mismatch",
        /// `unable_to_respond_now`.
        UnableToRespondNow = "unable_to_respond_now",
        /// `invalid_date_of_service`.
        InvalidDateOfService = "invalid_date_of_service",
        /// `death_precedes_date_of_service`.
        DeathPrecedesDateOfService = "death_precedes_date_of_service",
    }
}

open_enum! {
    /// What to do after a rejection (`follow_up_action`).
    pub enum FollowUpAction {
        /// `correct_and_resubmit`.
        CorrectAndResubmit = "correct_and_resubmit",
        /// `resubmit_original`.
        ResubmitOriginal = "resubmit_original",
        /// `resubmission_allowed`.
        ResubmissionAllowed = "resubmission_allowed",
        /// `resubmission_not_allowed`.
        ResubmissionNotAllowed = "resubmission_not_allowed",
        /// `do_not_resubmit_sent_to_third_party`.
        DoNotResubmitSentToThirdParty = "do_not_resubmit_sent_to_third_party",
        /// `do_not_resubmit_will_respond_again`.
        DoNotResubmitWillRespondAgain = "do_not_resubmit_will_respond_again",
        /// `wait_10_days_and_resubmit`.
        Wait10DaysAndResubmit = "wait_10_days_and_resubmit",
        /// `wait_30_days_and_resubmit`.
        Wait30DaysAndResubmit = "wait_30_days_and_resubmit",
    }
}

open_enum! {
    /// Purpose of an eligibility request (`transaction_code`).
    pub enum EligibilityTransactionCode {
        /// `request`.
        Request = "request",
        /// `cancellation`.
        Cancellation = "cancellation",
    }
}

/// `POST /eligibility/` request: who (member), by whom (provider), with which trading partner,
/// and optionally for which service types or procedure.
///
/// The member fields needed depend on the trading partner's `supported_search_options`
/// (`primary_search`: first name, last name, id and birth date; `no_name_search`: id and birth
/// date; ...). `member.plan_start_date` ("eligibility as of") goes in `member.extra`.
///
/// ```
/// use pokitdok::models::{Member, Provider};
/// use pokitdok::models::eligibility::{EligibilityRequest, ServiceType};
///
/// let req = EligibilityRequest::new(
///     Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
///     Provider::person("1467560003", "JEROME", "AYA-AY"),
///     "MOCKPAYER",
/// )
/// .service_types([ServiceType::HealthBenefitPlanCoverage]);
/// let json = serde_json::to_value(&req).unwrap();
/// assert_eq!(json["service_types"][0], "health_benefit_plan_coverage");
/// ```
///
/// `Debug` shows no member data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityRequest {
    /// The member (insured) to check.
    pub member: Member,
    /// The provider asking (a valid NPI is required).
    pub provider: Provider,
    /// Trading partner id (`GET /tradingpartners/`).
    pub trading_partner_id: String,
    /// Service types to ask about (the platform defaults to `health_benefit_plan_coverage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// CPT code to ask about (not supported by every trading partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpt_code: Option<String>,
    /// Procedure id (with `procedure_id_qualifier`), e.g. `G0120`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<String>,
    /// Code set of `procedure_id`, e.g. `hcpcs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id_qualifier: Option<ProcedureIdQualifier>,
    /// Industry code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry_code: Option<String>,
    /// Payer (`{id, tax_id, name, phone, email, url, fax}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<EligibilityPayer>,
    /// `request` (the default) or `cancellation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_code: Option<EligibilityTransactionCode>,
    /// Process asynchronously; the result arrives at `callback_url` or on the activity.
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub async_: Option<bool>,
    /// HTTPS URL the platform POSTs the activity to (see [`crate::callback`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Free-form data stored on the activity and echoed in callbacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_data: Option<Value>,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

impl EligibilityRequest {
    /// A request with its required parts.
    pub fn new(member: Member, provider: Provider, trading_partner_id: impl Into<String>) -> Self {
        EligibilityRequest {
            member,
            provider,
            trading_partner_id: trading_partner_id.into(),
            service_types: Vec::new(),
            cpt_code: None,
            procedure_id: None,
            procedure_id_qualifier: None,
            industry_code: None,
            payer: None,
            transaction_code: None,
            async_: None,
            callback_url: None,
            application_data: None,
            extra: Extra::new(),
        }
    }

    /// Sets the service types to ask about.
    #[must_use]
    pub fn service_types(mut self, types: impl IntoIterator<Item = ServiceType>) -> Self {
        self.service_types = types.into_iter().collect();
        self
    }

    /// Sets the CPT code to ask about.
    #[must_use]
    pub fn cpt_code(mut self, code: impl Into<String>) -> Self {
        self.cpt_code = Some(code.into());
        self
    }

    /// Sets a procedure id and its code set.
    #[must_use]
    pub fn procedure(mut self, id: impl Into<String>, qualifier: ProcedureIdQualifier) -> Self {
        self.procedure_id = Some(id.into());
        self.procedure_id_qualifier = Some(qualifier);
        self
    }

    /// Processes asynchronously and POSTs the activity to `callback_url` when done.
    #[must_use]
    pub fn callback(mut self, callback_url: impl Into<String>) -> Self {
        self.async_ = Some(true);
        self.callback_url = Some(callback_url.into());
        self
    }

    /// Sets `application_data`.
    #[must_use]
    pub fn application_data(mut self, data: Value) -> Self {
        self.application_data = Some(data);
        self
    }
}

impl fmt::Debug for EligibilityRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EligibilityRequest")
            .field("provider", &self.provider)
            .field("trading_partner_id", &self.trading_partner_id)
            .field("service_types", &self.service_types)
            .field("cpt_code", &self.cpt_code)
            .field("async", &self.async_)
            .finish_non_exhaustive()
    }
}

/// A per-section rejection: `{valid_request: false, reject_reason, follow_up_action}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rejection {
    /// Always `false` in practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_request: Option<bool>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<RejectReason>,
    /// What to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<FollowUpAction>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{message}` item of the many `messages` lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The eligibility (271) response.
///
/// Check [`Eligibility::valid_request`] first: `false` means the trading partner could not
/// answer, with [`reject_reason`](Eligibility::reject_reason) and
/// [`follow_up_action`](Eligibility::follow_up_action) (and per-section `rejections`) saying why.
///
/// `Debug` shows no subscriber or dependent data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Eligibility {
    /// Client id of the requesting application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Trading partner that answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Whether the trading partner considered the request valid and answered in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_request: Option<bool>,
    /// Why the request was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<RejectReason>,
    /// What to do after a rejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_action: Option<FollowUpAction>,
    /// Top-level rejections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// The coverage: plan, dates and benefits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    /// Deductible and out-of-pocket overview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// The subscriber as the trading partner knows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<EligibilityMember>,
    /// The dependent, when the member is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependent: Option<EligibilityMember>,
    /// The provider as echoed by the trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<EligibilityProvider>,
    /// The payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<EligibilityPayer>,
    /// Pharmacy benefits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy: Option<PharmacyBenefits>,
    /// Related entities (documented here; the examples have them under `coverage`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefit_related_entities: Vec<BenefitRelatedEntity>,
    /// Service types answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Eligibility {
    /// `true` when the trading partner answered in full and the coverage is active.
    pub fn is_active(&self) -> bool {
        self.valid_request != Some(false)
            && self.coverage.as_ref().and_then(|c| c.active) == Some(true)
    }
}

impl fmt::Debug for Eligibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Eligibility")
            .field("trading_partner_id", &self.trading_partner_id)
            .field("valid_request", &self.valid_request)
            .field("reject_reason", &self.reject_reason)
            .field("follow_up_action", &self.follow_up_action)
            .field("active", &self.coverage.as_ref().and_then(|c| c.active))
            .field("service_types", &self.service_types)
            .finish_non_exhaustive()
    }
}

/// The subscriber or dependent block of an eligibility response.
///
/// `Debug` shows no name, id, birth date or address.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityMember {
    /// Member id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// `female`, `male` or `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Relationship to the subscriber.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Military service information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub military_personnel_information: Option<Value>,
    /// Rejections of this section of the request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for EligibilityMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EligibilityMember")
            .field("gender", &self.gender)
            .field("relationship", &self.relationship)
            .field("rejections", &self.rejections)
            .finish_non_exhaustive()
    }
}

/// The provider block of an eligibility response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityProvider {
    /// NPI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npi: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Personal identification number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<String>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Rejections of this section of the request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A payer (request `payer`, response `payer`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EligibilityPayer {
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Tax id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fax.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax: Option<String>,
    /// Rejections of this section of the request (responses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `coverage` block: plan, dates, and benefit lists.
///
/// `Debug` shows the plan and benefit counts, not the member identifiers `extra` may hold.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Coverage {
    /// `true` when the member has active coverage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Coverage level of the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<CoverageLevel>,
    /// Type of insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance_type: Option<InsuranceType>,
    /// Group number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_number: Option<String>,
    /// Group description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_description: Option<String>,
    /// Plan number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Plan (product) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// Plan coverage start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_begin_date: Option<Date>,
    /// Plan coverage end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_end_date: Option<Date>,
    /// Eligibility start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_begin_date: Option<Date>,
    /// Eligibility end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_end_date: Option<Date>,
    /// Policy effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_effective_date: Option<Date>,
    /// Policy expiration date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_expiration_date: Option<Date>,
    /// Date the request was processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_date: Option<Date>,
    /// Service types covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Coinsurance benefits (`benefit_percent`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coinsurance: Vec<Benefit>,
    /// Copay benefits (`copayment`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copay: Vec<Benefit>,
    /// Deductibles (`benefit_amount`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductibles: Vec<Benefit>,
    /// Out-of-pocket limits (`benefit_amount`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub out_of_pocket: Vec<Benefit>,
    /// Limitations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limitations: Vec<Benefit>,
    /// Benefits not covered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_covered: Vec<Benefit>,
    /// Service types the payer cannot process.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cannot_process: Vec<Benefit>,
    /// Contacts (payer, vendors, administrators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<CoverageContact>,
    /// Other payers (coordination of benefits).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_payers: Vec<OtherPayer>,
    /// Related entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefit_related_entities: Vec<BenefitRelatedEntity>,
    /// Healthcare facilities (TPA/IPA), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcare_facilities: Option<Value>,
    /// Primary care provider, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_care_provider: Option<Value>,
    /// Plan benefit description, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_benefit_description: Option<Value>,
    /// Coverage details (grace periods ...), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_details: Option<Value>,
    /// Other keys, as sent (member identifiers, disclaimers, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Coverage")
            .field("active", &self.active)
            .field("level", &self.level)
            .field("insurance_type", &self.insurance_type)
            .field("plan_description", &self.plan_description)
            .field("service_types", &self.service_types)
            .field("coinsurance", &self.coinsurance.len())
            .field("copay", &self.copay.len())
            .field("deductibles", &self.deductibles.len())
            .field("out_of_pocket", &self.out_of_pocket.len())
            .finish_non_exhaustive()
    }
}

/// One benefit entry of the coverage lists (coinsurance, copay, deductibles, out of pocket,
/// limitations, non covered, cannot process).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Benefit {
    /// Who it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// In or out of network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_plan_network: Option<InPlanNetwork>,
    /// Period, e.g. `calendar_year` or `remaining`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_period: Option<TimePeriod>,
    /// Period qualifier (limitations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_period_qualifier: Option<TimePeriod>,
    /// Amount (deductibles, out of pocket, limitations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_amount: Option<Money>,
    /// Copay amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copayment: Option<Money>,
    /// Patient share (coinsurance): `0.2` is 20 %, kept exactly as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_percent: Option<Number>,
    /// Whether authorization is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_required: Option<AuthorizationRequired>,
    /// Type of insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insurance_type: Option<InsuranceType>,
    /// Service types it applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Messages (`Some(vec![])` when sent as an empty list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    /// Benefit description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Plan (product) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// Procedure id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id: Option<String>,
    /// Code set of `procedure_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure_id_qualifier: Option<ProcedureIdQualifier>,
    /// Eligibility date (deductibles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility_date: Option<Date>,
    /// Plan begin date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_begin_date: Option<Date>,
    /// Plan end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_end_date: Option<Date>,
    /// Quantity, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Value>,
    /// What `quantity` counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_qualifier: Option<QuantityQualifier>,
    /// Service delivery information, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A coverage contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageContact {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kind of entity, e.g. `payer`, `vendor`, `third_party_administrator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Service types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Another payer covering the member (coordination of benefits).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OtherPayer {
    /// Name (e.g. `MEDICARE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Payer id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `primary_payer`, `secondary_payer` or `tertiary_payer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination_of_benefits: Option<String>,
    /// Since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordination_of_benefits_date: Option<Date>,
    /// Coverage level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// Plan number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Plan description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_description: Option<String>,
    /// Service types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Subscriber with that payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber: Option<EligibilityMember>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A benefit-related entity (PCP, facility, other organization).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BenefitRelatedEntity {
    /// Entity kind code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_identifier_code: Option<String>,
    /// `person` or `non_person`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Organization name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// Id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Code set of `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_qualifier: Option<String>,
    /// Provider type (admitting, consulting, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_code: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Contacts, as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Value>,
    /// Coverage level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_level: Option<CoverageLevel>,
    /// Service types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_types: Vec<ServiceType>,
    /// Their X12 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_type_codes: Vec<String>,
    /// Amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_amount: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Deductible and out-of-pocket overview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Deductible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<SummaryLevels>,
    /// Out of pocket (stop loss).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_pocket: Option<SummaryLevels>,
    /// Other keys, as sent (`services`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Individual and family accumulators.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SummaryLevels {
    /// Individual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub individual: Option<SummaryNetworks>,
    /// Family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<SummaryNetworks>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Accumulators by network (the examples' `in_network` / `out_of_network` level). The docs
/// put `limit`/`applied`/`remaining` here directly; those are kept too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SummaryNetworks {
    /// In network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_network: Option<Accumulator>,
    /// Out of network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_network: Option<Accumulator>,
    /// Limit (documented shape without the network level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Money>,
    /// Applied (documented shape without the network level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Money>,
    /// Remaining (documented shape without the network level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `{limit, applied, remaining}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Accumulator {
    /// The limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Money>,
    /// Applied so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applied: Option<Money>,
    /// Remaining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Money>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Pharmacy benefits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PharmacyBenefits {
    /// Whether the member has active pharmacy benefits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_eligible: Option<bool>,
    /// Pharmacy plan number (e.g. a Medicare Part D plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<String>,
    /// Benefit date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_date: Option<Date>,
    /// The pharmacy benefits manager, as sent (`{name, phone, url, coverage_description}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits_manager: Option<Value>,
    /// Copays, as sent (`[{copayment, tier, type, notes, supply}]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

// ----- raw X12 -------------------------------------------------------------------------------

/// Raw X12 in JSON (`application/vnd.pokitdok.v4+edi-x12-json`): the request body and the
/// response `data` are `{"x12": "ISA*...~"}`.
///
/// `Debug` shows only the length (X12 holds patient data).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12Json {
    /// The X12 interchange.
    pub x12: String,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl X12Json {
    /// Wraps an X12 interchange.
    pub fn new(x12: impl Into<String>) -> Self {
        X12Json {
            x12: x12.into(),
            extra: Extra::new(),
        }
    }
}

impl fmt::Debug for X12Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("X12Json")
            .field("x12_len", &self.x12.len())
            .finish_non_exhaustive()
    }
}

/// Transliterated X12 (`Accept: application/vnd.pokitdok.v4+full-x12-json`): the segments with
/// named elements.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FullX12Json {
    /// The segments, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub x12_segments: Vec<X12Segment>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for FullX12Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FullX12Json")
            .field(
                "segments",
                &self
                    .x12_segments
                    .iter()
                    .map(|s| s.segment_id.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// One X12 segment: its id (`NM1`, `EB`, ...) and its elements by name.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12Segment {
    /// Segment id.
    pub segment_id: String,
    /// Elements by name (`"last_or_organization_name": "DOE"`).
    #[serde(default)]
    pub data: Extra,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl X12Segment {
    /// An element's text.
    pub fn element(&self, name: &str) -> Option<&str> {
        self.data.get(name)?.as_str()
    }
}

impl fmt::Debug for X12Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("X12Segment")
            .field("segment_id", &self.segment_id)
            .field("elements", &self.data.len())
            .finish_non_exhaustive()
    }
}

// ----- errors --------------------------------------------------------------------------------

/// `data` of an X12 API's error answer: `{"errors": {...}}`.
///
/// Such answers become [`Error::TradingPartner`](crate::Error::TradingPartner) (or
/// [`Error::Validation`](crate::Error::Validation) for a 422); get the typed errors back with
/// [`X12ErrorData::from_error`]:
///
/// ```no_run
/// # async fn run(pd: pokitdok::PokitDok, req: pokitdok::models::eligibility::EligibilityRequest) {
/// use pokitdok::models::eligibility::X12ErrorData;
/// if let Err(e) = pd.eligibility(&req).await {
///     if let Some(ack) = X12ErrorData::from_error(&e).and_then(|d| d.errors.parsing) {
///         println!("rejected by the trading partner: {:?}", ack.transaction_set_syntax_errors);
///     }
/// }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12ErrorData {
    /// The errors.
    pub errors: X12Errors,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

impl X12ErrorData {
    /// The typed `data` of an error's body, when it has the `{"errors": ...}` shape.
    pub fn from_error(e: &crate::Error) -> Option<Self> {
        let json = e.body()?.json()?;
        let data = json.get("data").unwrap_or(json);
        serde_json::from_value(data.clone()).ok()
    }
}

/// The kinds of errors an X12 API reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12Errors {
    /// The trading partner rejected the X12 (the flattened 999 acknowledgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parsing: Option<ParsingError>,
    /// A query problem, e.g. an unknown trading partner in a raw X12 request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Platform validation errors (field name to messages), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<Value>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A whole X12 error answer whose `meta` may be missing (raw X12 requests).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct X12ErrorResponse {
    /// `meta`, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// `data`.
    pub data: X12ErrorData,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The trading partner's X12 999 acknowledgement of a rejected request (`errors.parsing`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ParsingError {
    /// Trading partner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// GS03.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_receiver_code: Option<String>,
    /// GS02.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_sender_code: Option<String>,
    /// e.g. `"Rejected"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_group_acknowledge: Option<String>,
    /// e.g. `"R"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_group_acknowledge_code: Option<String>,
    /// e.g. `"HS"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_identifier_code: Option<String>,
    /// Group control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_control_number: Option<String>,
    /// Accepted transaction sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_accepted_transaction_sets: Option<i64>,
    /// Received transaction sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_received_transaction_sets: Option<i64>,
    /// Included transaction sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_transaction_sets_included: Option<i64>,
    /// Errors per segment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segment_errors: Vec<SegmentError>,
    /// e.g. `"Rejected"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_acknowledgment: Option<String>,
    /// e.g. `"R"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_acknowledgment_code: Option<String>,
    /// Transaction set control number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_control_number: Option<String>,
    /// e.g. `"270"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_identifier_code: Option<String>,
    /// Syntax error codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_syntax_error_codes: Option<Vec<String>>,
    /// Syntax errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_set_syntax_errors: Option<Vec<String>>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A segment in error (999 IK3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SegmentError {
    /// Loop, e.g. `"2100"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loop_id_code: Option<String>,
    /// Segment, e.g. `"NM1"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment_id_code: Option<String>,
    /// Position in the transaction set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_in_transaction_set: Option<i64>,
    /// Error text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntax_error: Option<String>,
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntax_error_code: Option<String>,
    /// Element errors (999 IK4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ElementError>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An element in error (999 IK4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ElementError {
    /// Error text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_element_syntax_error: Option<String>,
    /// Error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_element_syntax_error_code: Option<String>,
    /// Element reference number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element_reference_number: Option<i64>,
    /// Position in the segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_in_segment: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}
